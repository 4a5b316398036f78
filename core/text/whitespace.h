#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vox::text {

// Calls visit(std::string_view word) for each run of non-white-space in UTF-8 text, where white
// space is ICU's Unicode definition (ASCII takes a fast path). The views point into `text`.
template <typename Visit>
void forEachWord(std::string_view text, Visit&& visit);

// Splits UTF-8 text on Unicode white space, dropping empty pieces.
std::vector<std::string> splitWords(std::string_view text);
// The same words joined by single ASCII spaces.
std::string collapseWhitespace(std::string_view text);

// The length in bytes of the white space starting at `at` (0 if none). White space is the
// Unicode White_Space property (what ICU's u_isUWhiteSpace tests), hard-coded because it is
// small, stable, and on the hot path of scoring.
inline size_t whiteSpaceLengthAt(std::string_view text, size_t at);
size_t nonAsciiWhiteSpaceLengthAt(std::string_view text, size_t at);

inline size_t whiteSpaceLengthAt(std::string_view text, size_t at)
{
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80)
        return (c == ' ' || (c >= 0x09 && c <= 0x0D)) ? 1 : 0;
    return nonAsciiWhiteSpaceLengthAt(text, at);
}

template <typename Visit>
void forEachWord(std::string_view text, Visit&& visit)
{
    size_t i = 0;
    size_t start = std::string_view::npos;
    while (i < text.size()) {
        const size_t space = whiteSpaceLengthAt(text, i);
        if (space > 0) {
            if (start != std::string_view::npos) {
                visit(text.substr(start, i - start));
                start = std::string_view::npos;
            }
            i += space;
            continue;
        }
        if (start == std::string_view::npos)
            start = i;
        const auto c = static_cast<unsigned char>(text[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; // UTF-8 lead byte gives the length
    }
    if (start != std::string_view::npos)
        visit(text.substr(start, std::min(text.size(), i) - start));
}

} // namespace vox::text
