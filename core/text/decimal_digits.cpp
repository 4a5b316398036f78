#include "core/text/decimal_digits.h"

#include "core/text/unicode_text.h"

#include <algorithm>

namespace vox::text::decimal {
namespace {

std::u32string stripLeadingZeros(std::u32string digits)
{
    const auto first = digits.find_first_not_of(U'0');
    if (first == std::u32string::npos)
        return U"0";
    return digits.substr(first);
}

} // namespace

std::u32string canonical(std::u32string_view digits)
{
    std::u32string ascii;
    ascii.reserve(digits.size());
    for (char32_t c : digits) {
        const int value = decimalDigitValue(c);
        if (value < 0)
            return {};
        ascii += static_cast<char32_t>(U'0' + value);
    }
    return ascii.empty() ? ascii : stripLeadingZeros(std::move(ascii));
}

std::u32string add(std::u32string_view a, std::u32string_view b)
{
    std::u32string sum;
    int carry = 0;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry != 0; ++i) {
        int digit = carry;
        if (i < a.size())
            digit += static_cast<int>(a[a.size() - 1 - i] - U'0');
        if (i < b.size())
            digit += static_cast<int>(b[b.size() - 1 - i] - U'0');
        sum += static_cast<char32_t>(U'0' + digit % 10);
        carry = digit / 10;
    }
    std::reverse(sum.begin(), sum.end());
    return stripLeadingZeros(std::move(sum));
}

std::u32string fromInt(unsigned long long n)
{
    return fromAscii(std::to_string(n));
}

std::u32string powerOfTen(int exponent)
{
    std::u32string power(static_cast<std::size_t>(exponent) + 1, U'0');
    power[0] = U'1';
    return power;
}

bool isMultipleOfPowerOfTen(std::u32string_view number, int exponent)
{
    if (number == U"0")
        return true;
    const auto zeros = static_cast<std::size_t>(exponent);
    if (number.size() <= zeros)
        return false;
    return std::all_of(number.end() - static_cast<std::ptrdiff_t>(zeros), number.end(),
                       [](char32_t c) { return c == U'0'; });
}

std::u32string scaleLowGroup(std::u32string_view number, int exponent)
{
    const std::size_t split = number.size() > 3 ? number.size() - 3 : 0;
    std::u32string high(number.substr(0, split));
    std::u32string low = stripLeadingZeros(std::u32string(number.substr(split)));
    if (high.empty())
        high = U"0";
    else
        high += U"000";
    if (low == U"0")
        return high;
    return add(high, low + std::u32string(static_cast<std::size_t>(exponent), U'0'));
}

std::optional<std::u32string> timesPowerOfTen(std::u32string_view text, int exponent)
{
    const std::size_t dot = text.find(U'.');
    const std::u32string_view whole = text.substr(0, dot);
    std::u32string_view fraction = dot == std::u32string_view::npos ? U"" : text.substr(dot + 1);
    // Python's Fraction needs a digit before the dot or right after it ("3.", ".5" but not ".").
    if (whole.empty() && fraction.empty())
        return std::nullopt;
    const std::u32string wholeDigits = whole.empty() ? U"0" : canonical(whole);
    const std::u32string fractionDigits = fraction.empty() ? U"" : canonical(fraction);
    if (wholeDigits.empty() || (!fraction.empty() && fractionDigits.empty()))
        return std::nullopt;
    // canonical() dropped the fraction's leading zeros; its trailing zeros do not count either.
    std::u32string digits(fraction);
    for (char32_t& c : digits)
        c = static_cast<char32_t>(U'0' + decimalDigitValue(c));
    while (!digits.empty() && digits.back() == U'0')
        digits.pop_back();
    if (digits.size() > static_cast<std::size_t>(exponent))
        return std::nullopt;
    const std::u32string padding(static_cast<std::size_t>(exponent) - digits.size(), U'0');
    return canonical(wholeDigits + digits + padding);
}

} // namespace vox::text::decimal
