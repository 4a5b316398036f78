#include "core/text/whitespace.h"

#include <unicode/utf8.h>

namespace vox::text {

size_t nonAsciiWhiteSpaceLengthAt(std::string_view text, size_t at)
{
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    int32_t i = static_cast<int32_t>(at);
    UChar32 cp;
    U8_NEXT(s, i, static_cast<int32_t>(text.size()), cp);
    const bool space = cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
                       || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    return space ? size_t(i) - at : 0;
}

std::vector<std::string> splitWords(std::string_view text)
{
    std::vector<std::string> words;
    forEachWord(text, [&](std::string_view word) { words.emplace_back(word); });
    return words;
}

std::string collapseWhitespace(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    forEachWord(text, [&](std::string_view word) {
        if (!out.empty())
            out += ' ';
        out += word;
    });
    return out;
}

} // namespace vox::text
