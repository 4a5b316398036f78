#pragma once
#include <string>
#include <string_view>
#include <vector>

// Code-point helpers over ICU for the normalizers. Rules work on UTF-32 so they can look at
// neighbouring characters without caring about surrogates or UTF-8 lengths.
namespace vox::text {

std::u32string toUtf32(std::string_view utf8); // invalid sequences become U+FFFD
std::string toUtf8(std::u32string_view text);

// Full Unicode lowercase mapping (root locale, so final sigma but no Turkish dotless i).
std::u32string lowercase(std::u32string_view text);
std::u32string toNfc(std::u32string_view text);
std::u32string toNfkd(std::u32string_view text);

bool isAsciiDigit(char32_t c);
bool isDecimalDigit(char32_t c); // general category Nd
int decimalDigitValue(char32_t c); // 0-9 for Nd, -1 otherwise
bool isLetter(char32_t c);
bool isPunctuationOrSymbol(char32_t c); // P* or S*
bool isMark(char32_t c); // M*
bool isNonspacingMark(char32_t c); // Mn
bool isControl(char32_t c); // Cc
bool isFormat(char32_t c); // Cf

// Python's definitions, which Whisper's rules are written in: `\w` of `re` (letters, anything
// numeric, underscore) and str.isspace() (`\s`, str.split()).
bool isPythonWordChar(char32_t c);
bool isPythonSpace(char32_t c);
// Python's `\b` at position `at` of `text`.
bool isWordBoundary(std::u32string_view text, std::size_t at);

// str.split(): pieces between runs of Python white space, none empty.
std::vector<std::u32string> splitOnSpace(std::u32string_view text);
std::u32string joinWithSpaces(const std::vector<std::u32string>& words);

// ASCII-only text (tables, numbers) to UTF-32.
std::u32string fromAscii(std::string_view ascii);

} // namespace vox::text
