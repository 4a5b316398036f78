// The word-by-word part of EnglishNumberNormalizer: a left-to-right pass that accumulates one
// number at a time and writes it out when a word cannot continue it.
#include "core/text/decimal_digits.h"
#include "core/text/english_numbers.h"

#include <optional>

namespace vox::text {
namespace {

using Kind = EnglishNumberNormalizer::Kind;
using Word = EnglishNumberNormalizer::Word;

// The number being built. Whisper keeps it either as an integer (so "twenty" + "one" adds up
// to 21) or as a string of digits read one by one (so "one" "oh" "one" concatenates to "101"
// and "nineteen" "twenty" to "1920"); which one decides how the next word combines.
struct Number {
    std::u32string text; // canonical digits when isInteger
    bool isInteger = false;
};

bool isPrefixSymbol(char32_t c)
{
    return c == U'-' || c == U'+' || c == U'$' || c == U'£' || c == U'€' || c == U'¢';
}

// Digits, optionally followed by "." and more digits (digits of any script).
bool isNumeral(std::u32string_view word)
{
    const std::size_t dot = word.find(U'.');
    const std::u32string_view whole = word.substr(0, dot);
    if (decimal::canonical(whole).empty())
        return false;
    if (dot == std::u32string_view::npos)
        return true;
    const std::u32string_view fraction = word.substr(dot + 1);
    return !fraction.empty() && !decimal::canonical(fraction).empty();
}

class WordProcessor {
public:
    WordProcessor(const EnglishNumberNormalizer& numbers, const std::vector<std::u32string>& words)
        : m_numbers(numbers)
        , m_words(words)
    {
    }

    std::vector<std::u32string> run()
    {
        bool skip = false;
        for (m_at = 0; m_at < m_words.size(); ++m_at) {
            if (skip) {
                skip = false;
                continue;
            }
            skip = step();
        }
        if (m_value)
            emitValue();
        return std::move(m_out);
    }

private:
    const std::u32string* prev() const { return m_at > 0 ? &m_words[m_at - 1] : nullptr; }
    const std::u32string* next() const { return m_at + 1 < m_words.size() ? &m_words[m_at + 1] : nullptr; }
    const Word* lookup(const std::u32string* word) const { return word ? m_numbers.lookup(*word) : nullptr; }
    bool is(const std::u32string* word, Kind kind) const
    {
        const Word* w = lookup(word);
        return w != nullptr && w->kind == kind;
    }

    // Writes `text` out with the pending prefix symbol and starts a new number.
    void emit(std::u32string text)
    {
        m_out.push_back(m_prefix != 0 ? m_prefix + std::move(text) : std::move(text));
        m_prefix = 0;
        m_value.reset();
    }
    void emitValue() { emit(m_value->text); }
    void emitValueIfAny()
    {
        if (m_value)
            emitValue();
    }
    // Python's `str(value or "")`: an integer zero counts as nothing.
    std::u32string digitsSoFar() const
    {
        if (!m_value || (m_value->isInteger && m_value->text == U"0"))
            return {};
        return m_value->text;
    }

    // Handles m_words[m_at]; returns whether the next word has been consumed too.
    bool step()
    {
        const std::u32string& current = m_words[m_at];
        const bool hasPrefix = isPrefixSymbol(current[0]);
        const std::u32string_view bare = std::u32string_view(current).substr(hasPrefix ? 1 : 0);
        if (isNumeral(bare)) {
            numeral(current, bare, hasPrefix);
            return false;
        }
        const Word* word = m_numbers.lookup(current);
        if (word == nullptr) {
            emitValueIfAny();
            emit(current);
            return false;
        }
        switch (word->kind) {
        case Kind::Zero:
            m_value = Number{digitsSoFar() + U"0", false};
            return false;
        case Kind::One:
        case Kind::OneSuffixed:
            ones(*word);
            return false;
        case Kind::Ten:
        case Kind::TenSuffixed:
            tens(*word);
            return false;
        case Kind::Multiplier:
        case Kind::MultiplierSuffixed:
            multiplier(*word);
            return false;
        case Kind::PrecedingPrefixer:
            emitValueIfAny();
            if (lookup(next()) != nullptr || (next() && isNumeral(*next())))
                m_prefix = word->symbol;
            else
                emit(current);
            return false;
        case Kind::FollowingPrefixer:
            if (!m_value) {
                emit(current);
                return false;
            }
            m_prefix = word->symbol;
            emitValue();
            return false;
        case Kind::Suffixer:
            return suffixer(*word);
        case Kind::Special:
            return special(current);
        }
        return false;
    }

    void numeral(const std::u32string& current, std::u32string_view bare, bool hasPrefix)
    {
        if (m_value) {
            // "3." followed by "14", or the parts of an address like "192.168": glue on.
            if (!m_value->isInteger && m_value->text.ends_with(U'.')) {
                m_value->text += current;
                return;
            }
            emitValue();
        }
        if (hasPrefix)
            m_prefix = current[0];
        // Whole numbers (also "5.0") become integers; other decimals keep their spelling.
        const std::size_t dot = bare.find(U'.');
        const bool whole = dot == std::u32string_view::npos
            || decimal::canonical(bare.substr(dot + 1)) == U"0";
        if (whole)
            m_value = Number{decimal::canonical(bare.substr(0, dot)), true};
        else
            m_value = Number{std::u32string(bare), false};
    }

    // one .. nineteen, and their ordinals and plurals (emitted at once with the suffix).
    void ones(const Word& word)
    {
        const bool suffixed = word.kind == Kind::OneSuffixed;
        const std::u32string digits = decimal::fromInt(static_cast<unsigned>(word.value));
        std::optional<Number> result;
        if (!m_value) {
            result = Number{digits, true};
        } else if (!m_value->isInteger || is(prev(), Kind::One)) {
            const std::u32string& text = m_value->text;
            // "twenty" "one" read as digits: the one replaces the twenty's zero.
            if (is(prev(), Kind::Ten) && word.value < 10 && text.ends_with(U'0'))
                result = Number{text.substr(0, text.size() - 1) + digits, false};
            else
                result = Number{text + digits, false};
        } else {
            const int zeros = word.value < 10 ? 1 : 2;
            if (decimal::isMultipleOfPowerOfTen(m_value->text, zeros))
                result = Number{decimal::add(m_value->text, digits), true};
            else
                result = Number{m_value->text + digits, false};
        }
        if (suffixed)
            emit(result->text + word.suffix);
        else
            m_value = std::move(result);
    }

    void tens(const Word& word)
    {
        const std::u32string digits = decimal::fromInt(static_cast<unsigned>(word.value));
        Number result;
        if (!m_value)
            result = Number{digits, true};
        else if (m_value->isInteger && decimal::isMultipleOfPowerOfTen(m_value->text, 2))
            result = Number{decimal::add(m_value->text, digits), true};
        else
            result = Number{m_value->text + digits, false};
        if (word.kind == Kind::TenSuffixed)
            emit(result.text + word.suffix);
        else
            m_value = std::move(result);
    }

    void multiplier(const Word& word)
    {
        const bool suffixed = word.kind == Kind::MultiplierSuffixed;
        const std::u32string power = decimal::powerOfTen(word.value);
        if (!m_value) {
            if (suffixed)
                emit(power + word.suffix);
            else
                m_value = Number{power, true};
            return;
        }
        if (m_value->isInteger) {
            // Python's int zero takes the fraction path; the product is zero either way.
            const std::u32string scaled = decimal::scaleLowGroup(m_value->text, word.value);
            if (suffixed)
                emit(scaled + word.suffix);
            else
                m_value = Number{scaled, true};
            return;
        }
        // Digits read one by one or a decimal ("2.5 million"): multiply when that gives a
        // whole number, otherwise write the digits out and start over with the multiplier.
        if (auto product = decimal::timesPowerOfTen(m_value->text, word.value)) {
            if (suffixed)
                emit(*product + word.suffix);
            else
                m_value = Number{*product, true};
            return;
        }
        emitValue();
        if (suffixed)
            emit(power + word.suffix);
        else
            m_value = Number{power, true};
    }

    bool suffixer(const Word& word)
    {
        const std::u32string& current = m_words[m_at];
        if (!m_value) {
            emit(current);
            return false;
        }
        if (current != U"per") {
            emit(m_value->text + word.symbol);
            return false;
        }
        if (next() && *next() == U"cent") {
            emit(m_value->text + word.symbol);
            return true;
        }
        emitValue();
        emit(current);
        return false;
    }

    bool special(const std::u32string& current)
    {
        const std::u32string* after = next();
        const Word* afterWord = lookup(after);
        if (afterWord == nullptr && !(after && isNumeral(*after))) {
            // Only a word that can continue a number makes these special.
            emitValueIfAny();
            emit(current);
            return false;
        }
        if (current == U"and") {
            // "hundred and five": the and is dropped after hundred, thousand, ...
            if (!is(prev(), Kind::Multiplier)) {
                emitValueIfAny();
                emit(current);
            }
            return false;
        }
        if (current == U"double" || current == U"triple") {
            if (afterWord == nullptr || (afterWord->kind != Kind::One && afterWord->kind != Kind::Zero)) {
                emitValueIfAny();
                emit(current);
                return false;
            }
            const std::u32string digit = decimal::fromInt(static_cast<unsigned>(afterWord->value));
            std::u32string text = digitsSoFar();
            for (int i = current == U"double" ? 2 : 3; i > 0; --i)
                text += digit;
            m_value = Number{text, false};
            return true;
        }
        // "point": starts the decimals when a digit word or numeral follows; otherwise
        // Whisper drops the word.
        const bool digitWord = afterWord != nullptr
            && (afterWord->kind == Kind::One || afterWord->kind == Kind::Ten || afterWord->kind == Kind::Zero);
        if (digitWord || (after && isNumeral(*after)))
            m_value = Number{digitsSoFar() + U".", false};
        return false;
    }

    const EnglishNumberNormalizer& m_numbers;
    const std::vector<std::u32string>& m_words;
    std::size_t m_at = 0;
    char32_t m_prefix = 0;
    std::optional<Number> m_value;
    std::vector<std::u32string> m_out;
};

} // namespace

std::vector<std::u32string> EnglishNumberNormalizer::processWords(const std::vector<std::u32string>& words) const
{
    return WordProcessor(*this, words).run();
}

} // namespace vox::text
