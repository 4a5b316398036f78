#include "core/text/english_numbers.h"

#include "core/text/unicode_text.h"

#include <array>
#include <string>

namespace vox::text {
namespace {

using Kind = EnglishNumberNormalizer::Kind;

constexpr std::array<std::string_view, 19> kOnes = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"};
constexpr std::array<std::string_view, 8> kTens = {
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
struct Multiplier {
    std::string_view name;
    int exponent;
};
constexpr std::array<Multiplier, 12> kMultipliers = {{
    {"hundred", 2}, {"thousand", 3}, {"million", 6}, {"billion", 9}, {"trillion", 12},
    {"quadrillion", 15}, {"quintillion", 18}, {"sextillion", 21}, {"septillion", 24},
    {"octillion", 27}, {"nonillion", 30}, {"decillion", 33}}};

bool startsWith(std::u32string_view text, std::size_t at, std::u32string_view prefix)
{
    return text.substr(at, prefix.size()) == prefix;
}

// End of a run of Python white space starting at `at` (== at when there is none).
std::size_t skipSpace(std::u32string_view text, std::size_t at)
{
    while (at < text.size() && isPythonSpace(text[at]))
        ++at;
    return at;
}

bool isLowerAscii(char32_t c)
{
    return c >= U'a' && c <= U'z';
}

// Where "and a half" (with any white space between the words, whole words only) starts at
// `at`, the index just past it; 0 otherwise.
std::size_t matchAndAHalf(std::u32string_view text, std::size_t at)
{
    if (!startsWith(text, at, U"and") || !isWordBoundary(text, at))
        return 0;
    std::size_t i = at + 3;
    for (std::u32string_view word : {std::u32string_view(U"a"), std::u32string_view(U"half")}) {
        const std::size_t afterSpace = skipSpace(text, i);
        if (afterSpace == i || !startsWith(text, afterSpace, word))
            return 0;
        i = afterSpace + word.size();
    }
    return isWordBoundary(text, i) ? i : 0;
}

bool isBlank(std::u32string_view text)
{
    return skipSpace(text, 0) == text.size();
}

} // namespace

EnglishNumberNormalizer::EnglishNumberNormalizer()
{
    auto add = [this](std::string_view name, Word word) { m_words.emplace(fromAscii(name), word); };
    for (std::string_view zero : {"o", "oh", "zero"})
        add(zero, {Kind::Zero, 0, {}, 0});
    add("zeroth", {Kind::OneSuffixed, 0, U"th", 0});
    for (std::size_t i = 0; i < kOnes.size(); ++i) {
        const int value = static_cast<int>(i) + 1;
        const std::string name(kOnes[i]);
        add(name, {Kind::One, value, {}, 0});
        add(value == 6 ? "sixes" : name + "s", {Kind::OneSuffixed, value, U"s", 0});
        // Whisper derives the ordinals by appending "th" ("h" after a t), so its ninth is
        // "nineth"; "ninth" itself is not a number word. Kept that way to match its output.
        if (value == 1)
            add("first", {Kind::OneSuffixed, 1, U"st", 0});
        else if (value == 2)
            add("second", {Kind::OneSuffixed, 2, U"nd", 0});
        else if (value == 3)
            add("third", {Kind::OneSuffixed, 3, U"rd", 0});
        else if (value == 5)
            add("fifth", {Kind::OneSuffixed, 5, U"th", 0});
        else if (value == 12)
            add("twelfth", {Kind::OneSuffixed, 12, U"th", 0});
        else
            add(name + (name.back() == 't' ? "h" : "th"), {Kind::OneSuffixed, value, U"th", 0});
    }
    for (std::size_t i = 0; i < kTens.size(); ++i) {
        const int value = 20 + 10 * static_cast<int>(i);
        const std::string name(kTens[i]);
        const std::string stem = name.substr(0, name.size() - 1); // "twenty" -> "twent"
        add(name, {Kind::Ten, value, {}, 0});
        add(stem + "ies", {Kind::TenSuffixed, value, U"s", 0});
        add(stem + "ieth", {Kind::TenSuffixed, value, U"th", 0});
    }
    for (const auto& [name, exponent] : kMultipliers) {
        add(name, {Kind::Multiplier, exponent, {}, 0});
        add(std::string(name) + "s", {Kind::MultiplierSuffixed, exponent, U"s", 0});
        add(std::string(name) + "th", {Kind::MultiplierSuffixed, exponent, U"th", 0});
    }
    add("minus", {Kind::PrecedingPrefixer, 0, {}, U'-'});
    add("negative", {Kind::PrecedingPrefixer, 0, {}, U'-'});
    add("plus", {Kind::PrecedingPrefixer, 0, {}, U'+'});
    add("positive", {Kind::PrecedingPrefixer, 0, {}, U'+'});
    for (std::string_view name : {"pound", "pounds"})
        add(name, {Kind::FollowingPrefixer, 0, {}, U'£'});
    for (std::string_view name : {"euro", "euros"})
        add(name, {Kind::FollowingPrefixer, 0, {}, U'€'});
    for (std::string_view name : {"dollar", "dollars"})
        add(name, {Kind::FollowingPrefixer, 0, {}, U'$'});
    for (std::string_view name : {"cent", "cents"})
        add(name, {Kind::FollowingPrefixer, 0, {}, U'¢'});
    add("percent", {Kind::Suffixer, 0, {}, U'%'});
    add("per", {Kind::Suffixer, 0, {}, U'%'}); // only when "cent" follows
    for (std::string_view name : {"and", "double", "triple", "point"})
        add(name, {Kind::Special, 0, {}, 0});
}

const EnglishNumberNormalizer::Word* EnglishNumberNormalizer::lookup(std::u32string_view word) const
{
    const auto it = m_words.find(std::u32string(word));
    return it == m_words.end() ? nullptr : &it->second;
}

std::u32string EnglishNumberNormalizer::operator()(std::u32string_view text) const
{
    const std::u32string prepared = preprocess(text);
    return postprocess(joinWithSpaces(processWords(splitOnSpace(prepared))));
}

std::u32string EnglishNumberNormalizer::preprocess(std::u32string_view text) const
{
    // "<number> and a half" -> "<number> point five". Whisper splits the text at every "and a
    // half" and drops blank pieces, so a phrase with nothing before it disappears.
    std::vector<std::u32string> pieces;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t end = matchAndAHalf(text, i); end != 0) {
            const std::u32string_view piece = text.substr(start, i - start);
            start = end;
            i = end - 1;
            if (isBlank(piece))
                continue;
            pieces.emplace_back(piece);
            const auto words = splitOnSpace(piece);
            const Word* last = lookup(words.back());
            const bool numeric = last != nullptr
                && (last->kind == Kind::Zero || last->kind == Kind::One || last->kind == Kind::Ten
                    || last->kind == Kind::Multiplier);
            pieces.emplace_back(numeric ? U"point five" : U"and a half");
        }
    }
    if (const std::u32string_view rest = text.substr(start); !isBlank(rest))
        pieces.emplace_back(rest);
    std::u32string joined;
    for (std::size_t i = 0; i < pieces.size(); ++i)
        joined += (i > 0 ? U" " : U"") + pieces[i];

    // A space at each letter/digit boundary ("b747" -> "b 747") ...
    std::u32string spaced;
    for (std::size_t i = 0; i < joined.size(); ++i) {
        spaced += joined[i];
        if (i + 1 < joined.size() && isLowerAscii(joined[i]) && isAsciiDigit(joined[i + 1]))
            spaced += U' ';
    }
    std::u32string split;
    for (std::size_t i = 0; i < spaced.size(); ++i) {
        split += spaced[i];
        if (i + 1 < spaced.size() && isAsciiDigit(spaced[i]) && isLowerAscii(spaced[i + 1]))
            split += U' ';
    }
    // ... except before a suffix: "10 th" -> "10th", "1960 s" -> "1960s".
    std::u32string out;
    for (std::size_t i = 0; i < split.size(); ++i) {
        out += split[i];
        if (!isAsciiDigit(split[i]))
            continue;
        const std::size_t word = skipSpace(split, i + 1);
        if (word == i + 1)
            continue;
        for (std::u32string_view suffix : {U"st", U"nd", U"rd", U"th", U"s"}) {
            if (startsWith(split, word, suffix) && isWordBoundary(split, word + suffix.size())) {
                out += suffix;
                i = word + suffix.size() - 1;
                break;
            }
        }
    }
    return out;
}

std::u32string EnglishNumberNormalizer::postprocess(std::u32string_view text)
{
    auto isCurrency = [](char32_t c) { return c == U'$' || c == U'£' || c == U'€'; };
    // One or two ASCII digits at `at` that end a word: their count, or 0.
    auto centsAt = [](std::u32string_view s, std::size_t at) -> std::size_t {
        for (std::size_t n : {std::size_t(2), std::size_t(1)}) {
            if (at + n <= s.size() && isAsciiDigit(s[at]) && (n == 1 || isAsciiDigit(s[at + 1]))
                && isWordBoundary(s, at + n))
                return n;
        }
        return 0;
    };

    // "$2 and ¢7" -> "$2.07", "$2 ¢75" -> "$2.75"
    std::u32string combined;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t j = i + 1;
        while (isCurrency(text[i]) && j < text.size() && isAsciiDigit(text[j]))
            ++j;
        if (j > i + 1 && j < text.size() && text[j] == U' ') {
            std::size_t k = j + 1;
            if (startsWith(text, k, U"and ¢"))
                k += 4;
            if (k < text.size() && text[k] == U'¢') {
                if (const std::size_t n = centsAt(text, k + 1); n != 0) {
                    std::u32string cents(text.substr(k + 1, n));
                    combined += std::u32string(text.substr(i, j - i)) + U"." + (n == 1 ? U"0" : U"") + cents;
                    i = k + n;
                    continue;
                }
            }
        }
        combined += text[i];
    }

    // "$0.36" -> "¢36". Whisper's pattern has an unescaped dot, so any character may sit
    // between the 0 and the cents.
    std::u32string cents;
    for (std::size_t i = 0; i < combined.size(); ++i) {
        if (isCurrency(combined[i]) && i + 3 < combined.size() && combined[i + 1] == U'0'
            && combined[i + 2] != U'\n') {
            if (const std::size_t n = centsAt(combined, i + 3); n != 0) {
                std::u32string digits = combined.substr(i + 3, n);
                if (n == 2 && digits[0] == U'0')
                    digits.erase(0, 1);
                cents += U"¢" + digits;
                i += 2 + n;
                continue;
            }
        }
        cents += combined[i];
    }

    // A standalone "1" or "1s" is written as "one" / "ones".
    std::u32string out;
    for (std::size_t i = 0; i < cents.size(); ++i) {
        if (cents[i] == U'1' && isWordBoundary(cents, i)) {
            if (i + 1 < cents.size() && cents[i + 1] == U's' && isWordBoundary(cents, i + 2)) {
                out += U"ones";
                ++i;
                continue;
            }
            if (isWordBoundary(cents, i + 1)) {
                out += U"one";
                continue;
            }
        }
        out += cents[i];
    }
    return out;
}

} // namespace vox::text
