#pragma once
#include <optional>
#include <string>
#include <string_view>

// Arithmetic on numbers written as ASCII decimal digits. Spoken numbers have no size limit
// ("nine hundred decillion" needs 36 digits), and Whisper's rules only ever add, append digits
// or multiply by powers of ten, so digit strings are simpler than a big-integer type.
namespace vox::text::decimal {

// Digits of any script (general category Nd) as canonical ASCII: no leading zeros, "0" for zero.
// Empty when `digits` holds anything else.
std::u32string canonical(std::u32string_view digits);
// Sum of two canonical numbers.
std::u32string add(std::u32string_view a, std::u32string_view b);
std::u32string fromInt(unsigned long long n);
std::u32string powerOfTen(int exponent);
// Whether a canonical number is a multiple of 10^exponent.
bool isMultipleOfPowerOfTen(std::u32string_view number, int exponent);
// "five thousand two hundred" style scaling: the part below 1000 is multiplied, the rest kept
// (value // 1000 * 1000 + value % 1000 * 10^exponent).
std::u32string scaleLowGroup(std::u32string_view number, int exponent);
// The text read as a fraction (digits, optionally "." and more digits, as Python's Fraction()
// accepts them) times 10^exponent, when that is a whole number; nullopt otherwise.
std::optional<std::u32string> timesPowerOfTen(std::u32string_view text, int exponent);

} // namespace vox::text::decimal
