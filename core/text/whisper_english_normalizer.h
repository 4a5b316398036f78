#pragma once
#include "core/text/english_numbers.h"
#include "core/text/english_spellings.h"
#include "core/text/normalizer.h"

#include <memory>

namespace vox::text {

// "whisper-en": the conventions of OpenAI Whisper's EnglishTextNormalizer, so WER is
// comparable with published Whisper numbers. In order: lowercase; drop [..] <..> spans and
// non-empty (..) spans; drop the fillers hmm, mm, mhm, mmm, uh, um; expand contractions and
// titles ("won't" -> "will not", "dr" -> "doctor", and any "'s" -> " is"); drop commas inside
// numbers and periods not followed by a digit; NFKD and drop diacritics; turn punctuation and
// symbols other than . % $ ¢ € £ into spaces; numbers to digits (EnglishNumberNormalizer);
// British to American spellings; drop currency symbols and periods not followed by a digit and
// % not preceded by one; collapse white space.
//
// Whisper's quirks are kept on purpose, as the point is to score the way Whisper does:
// "second" becomes "2nd", "ninth" stays a word (Whisper's table has "nineth"), "1.5" comes out
// as "one.5" (its "1" -> "one" rule sees the 1 as a word) and "one dollar" as "one".
// Unlike Whisper's Python, the result has no leading or trailing space.
//
// Version 1 follows the long-standing english.py, the copy whisper.cpp carries; the expected
// outputs in tests/core/tst_normalizers.cpp come from it. A later upstream revision adds
// "half a million" -> "0.5 million" and re-attaches "$ 5" / "5 %"; taking those is version 2.
class WhisperEnglishNormalizer final : public Normalizer {
public:
    explicit WhisperEnglishNormalizer(std::shared_ptr<const SpellingMap> spellings);

    std::string name() const override { return "whisper-en"; }
    int version() const override { return 1; }
    std::string normalize(std::string_view text) const override;

private:
    std::shared_ptr<const SpellingMap> m_spellings;
    EnglishNumberNormalizer m_numbers;
};

} // namespace vox::text
