#include "core/util/csv.h"

#include <cctype>

namespace vox {

namespace {

bool isDigit(char c)
{
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// A signed number as VoxBench's tables print them: digits with '.' or ',' (either locale), an
// optional exponent, an optional percent sign after optional spaces.
bool plainSignedNumber(const std::string& s)
{
    size_t i = 1; // s[0] is the sign
    bool digits = false;
    while (i < s.size() && (isDigit(s[i]) || s[i] == '.' || s[i] == ',')) {
        digits = digits || isDigit(s[i]);
        ++i;
    }
    if (!digits)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        const size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
    }
    while (i < s.size() && s[i] == ' ')
        ++i;
    if (i < s.size() && s[i] == '%')
        ++i;
    return i == s.size();
}

} // namespace

bool looksLikeFormula(const std::string& cell)
{
    if (cell.empty())
        return false;
    switch (cell.front()) {
    case '=': case '@': case '\t': case '\r': return true;
    case '+': case '-': return !plainSignedNumber(cell);
    default: return false;
    }
}

std::string csvField(const std::string& cell)
{
    const std::string text = looksLikeFormula(cell) ? "'" + cell : cell;
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

} // namespace vox
