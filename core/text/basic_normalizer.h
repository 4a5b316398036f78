#pragma once
#include "core/text/normalizer.h"

namespace vox::text {

// "basic": language-neutral normalization in the spirit of Whisper's BasicTextNormalizer, for
// any script. In order: NFC; with removeDiacritics, NFKD, drop nonspacing marks (Mn), NFC;
// full lowercase; remove bracketed spans [..] (..) {..} <..>; punctuation and symbols (P*, S*)
// become spaces; NFC; white space collapsed.
//
// Deliberate differences from Whisper's version: marks (M*) are kept, as Devanagari, Thai or
// Arabic words need them (Whisper turns them into spaces); NFC instead of NFKC, so "ﬁ" and "²"
// stay; a removed span leaves a space ("a[x]b" -> "a b"); nested spans go as a whole. Like
// Whisper, an apostrophe is punctuation: "don't" -> "don t".
// Also: control characters become spaces; invisible format characters (soft hyphen, BOM) are
// dropped, except the zero-width (non-)joiners that Persian or Indic words need; U+200B becomes a
// space; a mark whose base character was removed goes with it ("❤️" leaves no lone U+FE0F).
//
// removeDiacritics is script-blind, as in Whisper: it is meant for Latin, Greek and Cyrillic
// ("é" -> "e", "й" -> "и"), but it also strips marks that are vowels or voicing elsewhere
// (Devanagari vowel signs, Japanese dakuten: "で" -> "て"). ß, ł and ø do not decompose and stay
// (Whisper maps them with a table; basic does not).
class BasicNormalizer final : public Normalizer {
public:
    explicit BasicNormalizer(NormalizerOptions options = {});

    std::string name() const override { return "basic"; }
    int version() const override { return 1; }
    std::string normalize(std::string_view text) const override;

protected:
    std::string optionSuffix() const override { return m_options.removeDiacritics ? "+strip-diacritics" : ""; }

private:
    NormalizerOptions m_options;
};

} // namespace vox::text
