#include "core/text/english_spellings.h"

#include "core/text/embedded_data.h"
#include "core/text/unicode_text.h"

#include <nlohmann/json.hpp>

namespace vox::text {
namespace {

Expected<std::shared_ptr<const SpellingMap>> parseSpellings(std::string_view json)
{
    const auto document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object())
        return makeError("the embedded spelling table is not a JSON object", "whisper-english-spellings.json");
    auto map = std::make_shared<SpellingMap>();
    map->reserve(document.size());
    for (const auto& [british, american] : document.items()) {
        if (!american.is_string())
            return makeError("spelling for '" + british + "' is not a string", "whisper-english-spellings.json");
        map->emplace(toUtf32(british), toUtf32(american.get<std::string>()));
    }
    return std::shared_ptr<const SpellingMap>(std::move(map));
}

} // namespace

Expected<std::shared_ptr<const SpellingMap>> whisperEnglishSpellings()
{
    // Every whisper-en normalizer shares one table: parsing costs about a millisecond.
    static const Expected<std::shared_ptr<const SpellingMap>> table = parseSpellings(whisperEnglishSpellingsJson());
    return table;
}

std::u32string applySpellings(const SpellingMap& map, std::u32string_view text)
{
    auto words = splitOnSpace(text);
    for (auto& word : words) {
        if (const auto it = map.find(word); it != map.end())
            word = it->second;
    }
    return joinWithSpaces(words);
}

} // namespace vox::text
