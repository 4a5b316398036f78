#pragma once
// Token ids -> text for Whisper packages: GPT-2 byte-level BPE decoding from vocab.json.
#include "core/util/expected.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vox::whisper {

class TokenText {
public:
    // Reads vocab.json (token string -> id). Ids at or above `textTokenLimit` (the end-of-text
    // id) are never text; neither is a vocabulary entry spelled "<|endoftext|>" (GPT-2's own end
    // token, id 50256, sits below the limit in multilingual stand-in packages).
    static Expected<TokenText> load(const std::filesystem::path& vocabJson, int64_t textTokenLimit);

    // Concatenates the bytes of every text token and decodes them as UTF-8; invalid sequences
    // become U+FFFD (as Python's errors="replace" does). Other ids are skipped.
    std::string decode(const std::vector<int64_t>& ids) const;

    size_t size() const { return m_bytes.size(); }

private:
    std::vector<std::string> m_bytes; // id -> raw bytes of the token (empty: not text)
    int64_t m_limit = 0;
};

// GPT-2's byte <-> character map: the code point that stands for each byte in vocab.json.
char32_t byteToCodePoint(uint8_t byte);

// Decodes UTF-8 with U+FFFD for every maximal invalid subsequence (CPython's rule).
std::string utf8Repaired(const std::string& bytes);

} // namespace vox::whisper
