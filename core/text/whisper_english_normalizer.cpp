#include "core/text/whisper_english_normalizer.h"

#include "core/text/unicode_text.h"

#include <algorithm>
#include <array>

// Each step below restates one of Whisper's regular expressions as a left-to-right scan with
// the same leftmost, non-overlapping matching, and Python's meaning of \w, \s and \b.
namespace vox::text {
namespace {

// "[..]", "<..>" and mixed "[..>" spans, up to the first closing bracket of either kind.
std::u32string removeSquareAndAngleSpans(std::u32string_view text)
{
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == U'[' || text[i] == U'<') {
            const std::size_t close = text.find_first_of(U"]>", i + 1);
            if (close != std::u32string_view::npos) {
                i = close;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// "(..)" spans with something inside, up to the first ")"; "()" stays (and becomes spaces).
std::u32string removeParenthesized(std::u32string_view text)
{
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == U'(') {
            const std::size_t close = text.find(U')', i + 1);
            if (close != std::u32string_view::npos && close > i + 1) {
                i = close;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// Whole words only: "umm" and "hmmm" stay.
std::u32string removeFillers(std::u32string_view text)
{
    static constexpr std::array<std::u32string_view, 6> kFillers = {U"hmm", U"mm", U"mhm", U"mmm", U"uh", U"um"};
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!isPythonWordChar(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && isPythonWordChar(text[end]))
            ++end;
        const std::u32string_view word = text.substr(i, end - i);
        if (std::find(kFillers.begin(), kFillers.end(), word) == kFillers.end())
            out += word;
        i = end;
    }
    return out;
}

// "don 't" -> "don't"
std::u32string joinSpacedApostrophes(std::u32string_view text)
{
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        while (end < text.size() && isPythonSpace(text[end]))
            ++end;
        if (end > i && end < text.size() && text[end] == U'\'') {
            i = end;
            continue;
        }
        out += text.substr(i, std::max(end, i + 1) - i);
        i = std::max(end, i + 1);
    }
    return out;
}

struct Replacement {
    std::u32string_view pattern;
    std::u32string_view replacement;
    bool wholeWordStart; // the pattern starts at a word boundary (all of them end at one)
};

// Applied one after another, in this order: the specific contractions before the general
// "n't", "'s" ... and the perfect tenses ("'s been" -> "has been") before "'s" -> "is".
// The titles get a trailing space so "mr." does not glue to the next word.
constexpr Replacement kReplacements[] = {
    {U"won't", U"will not", true}, {U"can't", U"can not", true}, {U"let's", U"let us", true},
    {U"ain't", U"aint", true}, {U"y'all", U"you all", true}, {U"wanna", U"want to", true},
    {U"gotta", U"got to", true}, {U"gonna", U"going to", true}, {U"i'ma", U"i am going to", true},
    {U"imma", U"i am going to", true}, {U"woulda", U"would have", true},
    {U"coulda", U"could have", true}, {U"shoulda", U"should have", true},
    {U"ma'am", U"madam", true},
    {U"mr", U"mister ", true}, {U"mrs", U"missus ", true}, {U"st", U"saint ", true},
    {U"dr", U"doctor ", true}, {U"prof", U"professor ", true}, {U"capt", U"captain ", true},
    {U"gov", U"governor ", true}, {U"ald", U"alderman ", true}, {U"gen", U"general ", true},
    {U"sen", U"senator ", true}, {U"rep", U"representative ", true},
    {U"pres", U"president ", true}, {U"rev", U"reverend ", true}, {U"hon", U"honorable ", true},
    {U"asst", U"assistant ", true}, {U"assoc", U"associate ", true},
    {U"lt", U"lieutenant ", true}, {U"col", U"colonel ", true}, {U"jr", U"junior ", true},
    {U"sr", U"senior ", true}, {U"esq", U"esquire ", true},
    {U"'d been", U" had been", false}, {U"'s been", U" has been", false},
    {U"'d gone", U" had gone", false}, {U"'s gone", U" has gone", false},
    {U"'d done", U" had done", false}, {U"'s got", U" has got", false},
    {U"n't", U" not", false}, {U"'re", U" are", false}, {U"'s", U" is", false},
    {U"'d", U" would", false}, {U"'ll", U" will", false}, {U"'t", U" not", false},
    {U"'ve", U" have", false}, {U"'m", U" am", false},
};

std::u32string replaceAll(std::u32string_view text, const Replacement& rule)
{
    std::u32string out;
    const std::size_t length = rule.pattern.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, length) == rule.pattern && (!rule.wholeWordStart || isWordBoundary(text, i))
            && isWordBoundary(text, i + length)) {
            out += rule.replacement;
            i += length - 1;
            continue;
        }
        out += text[i];
    }
    return out;
}

// "1,000" -> "1000" (one comma per match: "1,2,3" -> "12,3", as in Whisper)
std::u32string removeDigitCommas(std::u32string_view text)
{
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i + 2 < text.size() && isDecimalDigit(text[i]) && text[i + 1] == U','
            && isDecimalDigit(text[i + 2])) {
            out += text[i];
            out += text[i + 2];
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

// Removes each `symbol` that is not followed by an ASCII digit (and is not last when
// `atEnd` is false), consuming the character after it like Whisper's `[..]([^0-9])`.
template <typename IsSymbol>
std::u32string removeUnlessDigitFollows(std::u32string_view text, IsSymbol isSymbol, bool atEnd)
{
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (isSymbol(text[i])) {
            if (i + 1 == text.size() && atEnd) {
                out += U' ';
                continue;
            }
            if (i + 1 < text.size() && !isAsciiDigit(text[i + 1])) {
                out += U' ';
                out += text[++i];
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// "%" not preceded by an ASCII digit, consuming the character before it: `([^0-9])%`.
std::u32string removeStrayPercent(std::u32string_view text)
{
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i + 1 < text.size() && text[i + 1] == U'%' && !isAsciiDigit(text[i])) {
            out += text[i];
            out += U' ';
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

// Letters that NFKD does not split into base + mark.
std::u32string_view extraDiacritic(char32_t c)
{
    switch (c) {
    case U'œ': return U"oe";
    case U'Œ': return U"OE";
    case U'ø': return U"o";
    case U'Ø': return U"O";
    case U'æ': return U"ae";
    case U'Æ': return U"AE";
    case U'ß': return U"ss";
    case U'ẞ': return U"SS";
    case U'đ': return U"d";
    case U'Đ': return U"D";
    case U'ð': return U"d";
    case U'Ð': return U"D";
    case U'þ': return U"th";
    case U'Þ': return U"th";
    case U'ł': return U"l";
    case U'Ł': return U"L";
    default: return {};
    }
}

bool isNumericSymbol(char32_t c)
{
    return c == U'.' || c == U'%' || c == U'$' || c == U'¢' || c == U'€' || c == U'£';
}

bool isCurrencyOrPeriod(char32_t c)
{
    return c == U'.' || c == U'$' || c == U'¢' || c == U'€' || c == U'£';
}

// NFKD, drop nonspacing marks, map the letters above, and turn other marks, punctuation and
// symbols into spaces, keeping . % $ ¢ € £ for the number rules.
std::u32string removeSymbolsAndDiacritics(std::u32string_view text)
{
    std::u32string out;
    for (char32_t c : toNfkd(text)) {
        if (isNumericSymbol(c))
            out += c;
        else if (const auto mapped = extraDiacritic(c); !mapped.empty())
            out += mapped;
        else if (isNonspacingMark(c))
            continue;
        else if (isMark(c) || isPunctuationOrSymbol(c))
            out += U' ';
        else
            out += c;
    }
    return out;
}

} // namespace

WhisperEnglishNormalizer::WhisperEnglishNormalizer(std::shared_ptr<const SpellingMap> spellings)
    : m_spellings(std::move(spellings))
{
}

std::string WhisperEnglishNormalizer::normalize(std::string_view input) const
{
    std::u32string s = lowercase(toUtf32(input));
    s = removeSquareAndAngleSpans(s);
    s = removeParenthesized(s);
    s = removeFillers(s);
    s = joinSpacedApostrophes(s);
    for (const auto& rule : kReplacements)
        s = replaceAll(s, rule);
    s = removeDigitCommas(s);
    s = removeUnlessDigitFollows(s, [](char32_t c) { return c == U'.'; }, /*atEnd=*/true);
    s = removeSymbolsAndDiacritics(s);
    s = m_numbers(s);
    if (m_spellings)
        s = applySpellings(*m_spellings, s);
    s = removeUnlessDigitFollows(s, isCurrencyOrPeriod, /*atEnd=*/false);
    s = removeStrayPercent(s);
    return toUtf8(joinWithSpaces(splitOnSpace(s)));
}

} // namespace vox::text
