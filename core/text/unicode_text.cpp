#include "core/text/unicode_text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace vox::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

icu::UnicodeString toIcu(std::u32string_view text)
{
    return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                         static_cast<int32_t>(text.size()));
}

std::u32string fromIcu(const icu::UnicodeString& text)
{
    // A UTF-16 string never has more code points than code units.
    std::u32string out(static_cast<std::size_t>(text.length()), U'\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = text.toUTF32(reinterpret_cast<UChar32*>(out.data()),
                                        static_cast<int32_t>(out.size()), status);
    out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
    return out;
}

// The ICU normalizer instances are process-wide singletons; failing to load them means the
// ICU data is missing, in which case text passes through unnormalized rather than vanishing.
std::u32string normalizeWith(const icu::Normalizer2* normalizer, std::u32string_view text)
{
    if (normalizer == nullptr)
        return std::u32string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString result = normalizer->normalize(toIcu(text), status);
    return U_SUCCESS(status) ? fromIcu(result) : std::u32string(text);
}

int8_t category(char32_t c)
{
    return u_charType(static_cast<UChar32>(c));
}

uint32_t categoryMask(char32_t c)
{
    return U_GET_GC_MASK(static_cast<UChar32>(c));
}

} // namespace

std::u32string toUtf32(std::string_view utf8)
{
    std::u32string out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const int32_t length = static_cast<int32_t>(utf8.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        out.push_back(c < 0 ? kReplacement : static_cast<char32_t>(c));
    }
    return out;
}

std::string toUtf8(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = kReplacement;
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::u32string lowercase(std::u32string_view text)
{
    icu::UnicodeString s = toIcu(text);
    s.toLower(icu::Locale::getRoot());
    return fromIcu(s);
}

std::u32string toNfc(std::u32string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    return normalizeWith(U_SUCCESS(status) ? nfc : nullptr, text);
}

std::u32string toNfkd(std::u32string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    return normalizeWith(U_SUCCESS(status) ? nfkd : nullptr, text);
}

bool isAsciiDigit(char32_t c)
{
    return c >= U'0' && c <= U'9';
}

bool isDecimalDigit(char32_t c)
{
    return category(c) == U_DECIMAL_DIGIT_NUMBER;
}

int decimalDigitValue(char32_t c)
{
    return isDecimalDigit(c) ? u_charDigitValue(static_cast<UChar32>(c)) : -1;
}

bool isLetter(char32_t c)
{
    return (categoryMask(c) & U_GC_L_MASK) != 0;
}

bool isPunctuationOrSymbol(char32_t c)
{
    return (categoryMask(c) & (U_GC_P_MASK | U_GC_S_MASK)) != 0;
}

bool isMark(char32_t c)
{
    return (categoryMask(c) & U_GC_M_MASK) != 0;
}

bool isNonspacingMark(char32_t c)
{
    return category(c) == U_NON_SPACING_MARK;
}

bool isControl(char32_t c)
{
    return category(c) == U_CONTROL_CHAR;
}

bool isFormat(char32_t c)
{
    return category(c) == U_FORMAT_CHAR;
}

bool isPythonWordChar(char32_t c)
{
    // str.isalnum(): alphabetic (L*) or any numeric type (Nd, Nl, No and numeric ideographs).
    if (c == U'_' || isLetter(c))
        return true;
    return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

bool isPythonSpace(char32_t c)
{
    // str.isspace(): bidirectional class WS, B or S, or general category Zs.
    const UCharDirection direction = u_charDirection(static_cast<UChar32>(c));
    return direction == U_WHITE_SPACE_NEUTRAL || direction == U_BLOCK_SEPARATOR
        || direction == U_SEGMENT_SEPARATOR || category(c) == U_SPACE_SEPARATOR;
}

bool isWordBoundary(std::u32string_view text, std::size_t at)
{
    const bool before = at > 0 && at <= text.size() && isPythonWordChar(text[at - 1]);
    const bool after = at < text.size() && isPythonWordChar(text[at]);
    return before != after;
}

std::vector<std::u32string> splitOnSpace(std::u32string_view text)
{
    std::vector<std::u32string> words;
    std::size_t start = std::u32string_view::npos;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool space = i == text.size() || isPythonSpace(text[i]);
        if (space && start != std::u32string_view::npos) {
            words.emplace_back(text.substr(start, i - start));
            start = std::u32string_view::npos;
        } else if (!space && start == std::u32string_view::npos) {
            start = i;
        }
    }
    return words;
}

std::u32string joinWithSpaces(const std::vector<std::u32string>& words)
{
    std::u32string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            out += U' ';
        out += words[i];
    }
    return out;
}

std::u32string fromAscii(std::string_view ascii)
{
    return std::u32string(ascii.begin(), ascii.end());
}

} // namespace vox::text
