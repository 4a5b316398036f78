#pragma once
#include "core/scoring/alignment.h"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The units of WER and CER: words (split on Unicode white space, after normalization) and
// characters (extended grapheme clusters, ICU; white space is not a character, as in sclite -c).
namespace vox::scoring {

enum class Unit { Word, Character };

// Interns token text as integer ids, so alignment compares integers.
class Vocabulary {
public:
    Token intern(std::string_view text);
    const std::string& text(Token token) const { return m_texts[token]; }
    size_t size() const { return m_texts.size(); }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, Token, Hash, std::equal_to<>> m_ids;
    std::vector<std::string> m_texts;
};

// Grapheme clusters of UTF-8 text, white space dropped. "é" written as e + combining accent is
// one character; so is a flag emoji.
std::vector<std::string> splitCharacters(std::string_view text);

// Words or characters of already-normalized text, interned.
std::vector<Token> tokenize(std::string_view text, Unit unit, Vocabulary& vocabulary);

const char* unitName(Unit unit); // "word", "character"

} // namespace vox::scoring
