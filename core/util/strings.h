#pragma once
#include <string_view>

namespace vox {

// ASCII white space (space, tab, CR, LF, FF, VT): what line-based file formats mean by blanks.
// Unicode white space inside text is core/text/whitespace.h's business.
constexpr bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

constexpr std::string_view trimAsciiSpace(std::string_view text)
{
    while (!text.empty() && isAsciiSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isAsciiSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

} // namespace vox
