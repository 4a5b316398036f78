#include "core/text/whitespace.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace vox::text {

std::vector<std::string> splitWords(std::string_view text)
{
    std::vector<std::string> words;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    int32_t start = -1;
    while (i < length) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        const bool space = c >= 0 && u_isUWhiteSpace(c);
        if (space && start >= 0) {
            words.emplace_back(text.substr(start, at - start));
            start = -1;
        } else if (!space && start < 0) {
            start = at;
        }
    }
    if (start >= 0)
        words.emplace_back(text.substr(start));
    return words;
}

std::string collapseWhitespace(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const auto& word : splitWords(text)) {
        if (!out.empty())
            out += ' ';
        out += word;
    }
    return out;
}

} // namespace vox::text
