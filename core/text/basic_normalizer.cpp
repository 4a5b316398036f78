#include "core/text/basic_normalizer.h"

#include "core/text/unicode_text.h"
#include "core/text/whitespace.h"

#include <array>
#include <vector>

namespace vox::text {
namespace {

constexpr std::array<std::pair<char32_t, char32_t>, 4> kBrackets = {
    {{U'(', U')'}, {U'[', U']'}, {U'{', U'}'}, {U'<', U'>'}}};

constexpr char32_t kZeroWidthSpace = 0x200B;
constexpr char32_t kZeroWidthNonJoiner = 0x200C;
constexpr char32_t kZeroWidthJoiner = 0x200D;

// Each bracketed span becomes one space. Brackets pair up per kind, innermost first, so
// "(a (b) c)" goes as a whole; a span is removed from its outermost opening bracket, so
// brackets of other kinds inside it go with it. A bracket without a partner stays and is then
// turned into a space like any punctuation, so a stray "(" never swallows the rest of a line.
std::u32string removeBracketedSpans(std::u32string_view text)
{
    std::vector<std::size_t> closeOf(text.size(), std::u32string_view::npos);
    for (const auto& [open, close] : kBrackets) {
        std::vector<std::size_t> openings;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == open) {
                openings.push_back(i);
            } else if (text[i] == close && !openings.empty()) {
                closeOf[openings.back()] = i;
                openings.pop_back();
            }
        }
    }
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (closeOf[i] != std::u32string_view::npos) {
            out += U' ';
            i = closeOf[i];
        } else {
            out += text[i];
        }
    }
    return out;
}

// Punctuation, symbols and control characters become spaces. Combining marks are kept on
// their letters but dropped where their base was removed ("❤️" leaves no lone U+FE0F).
// Invisible format characters go, except the joiners some scripts need inside words;
// U+200B separates words (Thai, Khmer), so it becomes a space.
std::u32string replacePunctuationAndSymbols(std::u32string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    bool afterBase = false; // whether the last kept character can carry a mark
    for (char32_t c : text) {
        if (isPunctuationOrSymbol(c) || isControl(c) || c == kZeroWidthSpace) {
            out += U' ';
            afterBase = false;
        } else if (isMark(c) || c == kZeroWidthNonJoiner || c == kZeroWidthJoiner) {
            if (afterBase)
                out += c;
        } else if (!isFormat(c)) {
            out += c;
            afterBase = !isPythonSpace(c);
        }
    }
    return out;
}

std::u32string removeDiacritics(std::u32string_view text)
{
    std::u32string stripped;
    for (char32_t c : toNfkd(text)) {
        if (!isNonspacingMark(c))
            stripped += c;
    }
    return toNfc(stripped);
}

} // namespace

BasicNormalizer::BasicNormalizer(NormalizerOptions options)
    : m_options(options)
{
}

std::string BasicNormalizer::normalize(std::string_view input) const
{
    std::u32string s = toNfc(toUtf32(input));
    if (m_options.removeDiacritics)
        s = removeDiacritics(s);
    s = lowercase(s);
    s = removeBracketedSpans(s);
    s = replacePunctuationAndSymbols(s);
    // Lowercasing and dropping characters can leave sequences that NFC composes further.
    return collapseWhitespace(toUtf8(toNfc(s)));
}

} // namespace vox::text
