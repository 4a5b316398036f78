#pragma once
#include "core/util/expected.h"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

// Whisper's British -> American spelling table (1,739 words, "colour" -> "color"), compiled
// into core from resources/text/whisper-english-spellings.json.
namespace vox::text {

using SpellingMap = std::unordered_map<std::u32string, std::u32string>;

// Parsed once and shared; an error only if the embedded data is broken.
Expected<std::shared_ptr<const SpellingMap>> whisperEnglishSpellings();

// Replaces each space-separated word found in `map`; words are rejoined with single spaces.
std::u32string applySpellings(const SpellingMap& map, std::u32string_view text);

} // namespace vox::text
