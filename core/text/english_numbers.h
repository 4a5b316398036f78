#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Whisper's English number rules (its EnglishNumberNormalizer), reimplemented: spelled-out
// numbers become digits ("two thousand and twenty three" -> "2023"), ordinals and plurals keep
// their suffix ("twenty first" -> "21st", "nineteen sixties" -> "1960s"), currency words become
// prefix symbols ("twenty dollars" -> "$20", "five cents" -> "¢5"), "percent" a suffix, and a
// lone "1"/"1s" is written back as "one"/"ones".
//
// The input is Whisper's intermediate text: lowercase, NFKD, and every punctuation mark or
// symbol other than . % $ ¢ € £ already turned into a space.
namespace vox::text {

class EnglishNumberNormalizer {
public:
    EnglishNumberNormalizer();
    std::u32string operator()(std::u32string_view text) const;

    enum class Kind {
        Zero,               // o, oh, zero
        One,                // one .. nineteen
        OneSuffixed,        // ones, sixes, first, second, fifth, nineteenth
        Ten,                // twenty .. ninety
        TenSuffixed,        // twenties, twentieth
        Multiplier,         // hundred .. decillion
        MultiplierSuffixed, // hundreds, thousandth
        PrecedingPrefixer,  // minus, negative, plus, positive
        FollowingPrefixer,  // dollar(s), cent(s), pound(s), euro(s)
        Suffixer,           // percent, per (as in "per cent")
        Special,            // and, double, triple, point
    };
    struct Word {
        Kind kind;
        int value = 0;         // the number; for multipliers, the power of ten
        std::u32string suffix; // "s", "st", "nd", "rd", "th"
        char32_t symbol = 0;   // for prefixers and suffixers
    };

    // nullptr when `word` is not one of the number words.
    const Word* lookup(std::u32string_view word) const;

private:
    std::u32string preprocess(std::u32string_view text) const;
    std::vector<std::u32string> processWords(const std::vector<std::u32string>& words) const;
    static std::u32string postprocess(std::u32string_view text);

    std::unordered_map<std::u32string, Word> m_words;
};

} // namespace vox::text
