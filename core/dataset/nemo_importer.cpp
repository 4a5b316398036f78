// NeMo manifests: JSON Lines, one object per utterance with audio_filepath, text, duration and
// optionally offset (seconds into the file, for segments of long recordings). A "speaker" or
// "speaker_id" key fills Utterance::speaker; every other key is kept in `extra`, strings as
// they are and other values as compact JSON.
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/util/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace vox::dataset::detail {

namespace {

// ordered_json keeps the manifest's key order for `extra`.
using Json = nlohmann::ordered_json;

// nlohmann's message without its "[json.exception...]" tag, and without "line 1" (each
// manifest line is parsed on its own, so the line number is the manifest's, reported apart).
std::string parseProblem(const std::exception& error)
{
    std::string text = json_fields::errorText(error);
    if (const auto at = text.find("at line 1, column"); at != std::string::npos)
        text.replace(at, 17, "at column");
    return text;
}

// A number-valued key: nullopt when absent or null, an error text when it is not a number.
struct NumberField {
    std::optional<double> value;
    std::string problem;
};

NumberField numberField(const Json& object, const char* key)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return {};
    if (!found->is_number())
        return {std::nullopt, std::string(key) + " is not a number: " + found->dump()};
    const double value = found->get<double>();
    if (value < 0)
        return {std::nullopt, std::string(key) + " is negative: " + found->dump()};
    return {value, {}};
}

} // namespace

Expected<ImportReport> importNemoManifest(const fs::path& file, const ImportOptions& options)
{
    auto text = readTextFile(file);
    if (!text)
        return text.error();
    ReportBuilder builder(Format::NemoManifest, file, options);
    const fs::path base = file.parent_path();
    builder.reserve(size_t(std::count(text->begin(), text->end(), '\n')) + 1);
    size_t withoutText = 0;

    LineCursor lines(*text);
    std::string_view line;
    while (lines.next(line)) {
        if (isBlank(line))
            continue;
        const int number = lines.number();
        Json object;
        try {
            object = Json::parse(line);
        } catch (const Json::parse_error& error) {
            builder.skip(file, number, "not valid JSON: " + parseProblem(error));
            continue;
        }
        if (!object.is_object()) {
            builder.skip(file, number, "not a JSON object");
            continue;
        }

        const auto audioField = object.find("audio_filepath");
        if (audioField == object.end() || audioField->is_null()) {
            builder.skip(file, number, "no audio_filepath");
            continue;
        }
        if (!audioField->is_string() || audioField->get_ref<const std::string&>().empty()) {
            builder.skip(file, number, "audio_filepath is not a non-empty string: " + audioField->dump());
            continue;
        }
        const auto duration = numberField(object, "duration");
        const auto offset = numberField(object, "offset");
        if (!duration.problem.empty() || !offset.problem.empty()) {
            builder.skip(file, number, duration.problem.empty() ? offset.problem : duration.problem);
            continue;
        }

        Utterance utterance;
        if (const auto textField = object.find("text"); textField == object.end() || textField->is_null()) {
            ++withoutText;
        } else if (textField->is_string()) {
            utterance.reference = std::string(trim(textField->get_ref<const std::string&>()));
        } else {
            builder.skip(file, number, "text is not a string: " + textField->dump());
            continue;
        }

        utterance.audio = resolvePath(base, audioField->get_ref<const std::string&>());
        utterance.duration = duration.value.value_or(-1);
        if (offset.value) {
            utterance.start = *offset.value;
            utterance.end = duration.value ? *offset.value + *duration.value : -1;
        }
        // The same file and span twice is a duplicate; another segment of the file is not.
        std::string span = utterance.audio.native();
        if (offset.value)
            span += "\n" + formatNumber(utterance.start) + "\n" + formatNumber(utterance.end);
        auto id = builder.deriveId(utterance.audio.stem().string(), span, file, number);
        if (!id)
            continue;
        utterance.id = std::move(*id);
        if (!builder.audioExists(utterance.audio, file, number))
            continue;

        for (const auto& [key, value] : object.items()) {
            if (key == "audio_filepath" || key == "text" || key == "duration" || key == "offset")
                continue;
            std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
            if ((key == "speaker" || key == "speaker_id") && utterance.speaker.empty() && !value.is_null())
                utterance.speaker = std::move(shown);
            else
                utterance.extra.emplace_back(key, std::move(shown));
        }
        builder.add(std::move(utterance));
    }
    if (withoutText > 0)
        builder.note(std::to_string(withoutText) + " manifest line(s) have no \"text\"; their references are empty");
    return builder.finish();
}

} // namespace vox::dataset::detail
