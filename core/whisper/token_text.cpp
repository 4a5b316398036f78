#include "core/whisper/token_text.h"

#include "core/util/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <unordered_map>

namespace vox::whisper {

namespace {

bool printableByte(int b)
{
    return (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
}

// The inverse of byteToCodePoint, for the 256 code points it uses.
const std::unordered_map<char32_t, uint8_t>& codePointToByte()
{
    static const auto table = [] {
        std::unordered_map<char32_t, uint8_t> map;
        for (int b = 0; b < 256; ++b)
            map[byteToCodePoint(static_cast<uint8_t>(b))] = static_cast<uint8_t>(b);
        return map;
    }();
    return table;
}

// Next code point of valid UTF-8 (vocab.json is parsed by nlohmann, so it is valid).
char32_t nextCodePoint(const std::string& s, size_t& i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1f) : extra == 2 ? (c & 0x0f) : (c & 0x07);
    ++i;
    for (; extra > 0 && i < s.size(); --extra, ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3f);
    return cp;
}

} // namespace

char32_t byteToCodePoint(uint8_t byte)
{
    if (printableByte(byte))
        return byte;
    // The 68 other bytes take U+0100 upwards, in increasing byte order.
    int rank = 0;
    for (int b = 0; b < byte; ++b)
        rank += printableByte(b) ? 0 : 1;
    return static_cast<char32_t>(0x100 + rank);
}

std::string utf8Repaired(const std::string& bytes)
{
    static const std::string replacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(bytes.size());
    size_t i = 0;
    const size_t n = bytes.size();
    auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
    while (i < n) {
        const unsigned char c = at(i);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        int need = 0;
        unsigned char lo = 0x80, hi = 0xbf; // allowed range of the second byte
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80; // no overlong forms
            hi = c == 0xed ? 0x9f : 0xbf; // no surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            out += replacement;
            ++i;
            continue;
        }
        // Take the longest valid prefix; a broken sequence is replaced as one unit.
        size_t k = 1;
        for (; k <= static_cast<size_t>(need) && i + k < n; ++k) {
            const unsigned char b = at(i + k);
            const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xbf);
            if (!ok)
                break;
        }
        if (k == static_cast<size_t>(need) + 1) {
            out.append(bytes, i, k);
        } else {
            out += replacement;
        }
        i += k;
    }
    return out;
}

Expected<TokenText> TokenText::load(const std::filesystem::path& vocabJson, int64_t textTokenLimit)
{
    std::ifstream in(vocabJson);
    if (!in)
        return makeError("cannot open the vocabulary", vocabJson.string());
    nlohmann::json vocab;
    try {
        vocab = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        return makeError("the vocabulary is not valid JSON: " + json_fields::errorText(e), vocabJson.string());
    }
    if (!vocab.is_object() || vocab.empty())
        return makeError("the vocabulary must be a JSON object of token -> id", vocabJson.string());

    TokenText out;
    out.m_limit = textTokenLimit;
    const auto& toByte = codePointToByte();
    int64_t maxId = -1;
    for (const auto& [token, idValue] : vocab.items()) {
        if (!idValue.is_number_integer())
            return makeError("vocabulary entry '" + token + "' has no integer id", vocabJson.string());
        const int64_t id = idValue.get<int64_t>();
        maxId = std::max(maxId, id);
        if (id < 0 || id >= textTokenLimit || token == "<|endoftext|>")
            continue;
        std::string bytes;
        for (size_t i = 0; i < token.size();) {
            const char32_t cp = nextCodePoint(token, i);
            const auto b = toByte.find(cp);
            if (b == toByte.end())
                return makeError("vocabulary entry '" + token + "' is not GPT-2 byte-level text", vocabJson.string());
            bytes.push_back(static_cast<char>(b->second));
        }
        if (static_cast<size_t>(id) >= out.m_bytes.size())
            out.m_bytes.resize(static_cast<size_t>(id) + 1);
        out.m_bytes[static_cast<size_t>(id)] = std::move(bytes);
    }
    // Every id below the end-of-text id is text in the model's layout: the file must cover them.
    if (maxId + 1 < textTokenLimit)
        return makeError("the vocabulary has ids up to " + std::to_string(maxId) + ", but the manifest's text tokens go up to "
                             + std::to_string(textTokenLimit - 1) + " (a vocabulary of another model?)",
                         vocabJson.string());
    return out;
}

std::string TokenText::decode(const std::vector<int64_t>& ids) const
{
    std::string bytes;
    for (int64_t id : ids) {
        if (id < 0 || id >= m_limit || static_cast<size_t>(id) >= m_bytes.size())
            continue;
        bytes += m_bytes[static_cast<size_t>(id)];
    }
    return utf8Repaired(bytes);
}

} // namespace vox::whisper
