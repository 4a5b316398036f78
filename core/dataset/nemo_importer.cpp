// NeMo manifests: JSON Lines, one object per utterance with audio_filepath, text, duration and
// optionally offset (seconds into the file, for segments of long recordings). A "speaker" or
// "speaker_id" key fills Utterance::speaker; every other key is kept in `extra`, strings as
// they are and other values as compact JSON.
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/text/byte_text.h"
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

// Bytes that are not UTF-8 cannot pass nlohmann's parser. A line holding some is parsed with
// each such byte b mapped to the private-use code point U+10FF00 + b (U+10FF80..U+10FFFF), and
// every string taken from it maps them back: the bytes survive losslessly. A line that already
// holds one of those code points is refused (it could not be told apart).
constexpr char32_t kByteBase = 0x10FF00;

void appendUtf8(std::string& out, char32_t c)
{
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
}

bool isMappedByte(std::string_view text, size_t at)
{
    // U+10FF80..U+10FFFF: F4 8F BE/BF 80..BF
    return at + 3 < text.size() && (unsigned char)text[at] == 0xF4 && (unsigned char)text[at + 1] == 0x8F
        && ((unsigned char)text[at + 2] & 0xFE) == 0xBE;
}

// The line with its invalid bytes mapped; false when it holds a code point the mapping uses.
bool mapInvalidBytes(std::string_view line, std::string& mapped)
{
    mapped.clear();
    mapped.reserve(line.size() + 16);
    for (size_t at = 0; at < line.size();) {
        const size_t length = text::utf8SequenceLength(line, at);
        if (length == 0) {
            appendUtf8(mapped, kByteBase + (unsigned char)line[at]);
            ++at;
            continue;
        }
        if (length == 4 && isMappedByte(line, at))
            return false;
        mapped.append(line.substr(at, length));
        at += length;
    }
    return true;
}

std::string restoreBytes(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        if (isMappedByte(text, at)) {
            out += char((((unsigned char)text[at + 2] & 0x01) << 6) | ((unsigned char)text[at + 3] & 0x3F) | 0x80);
            at += 4;
            continue;
        }
        out += text[at++];
    }
    return out;
}

// A line over ImportLimits' nesting depth or key count, found while parsing (before the
// document holds it: nlohmann writes JSON back recursively, and ordered keys cost quadratic
// time).
struct OverLimit {
    std::string reason;
};

// What one manifest line gave: an object, or the reason it was skipped.
struct ParsedLine {
    Json object;
    std::string problem;
    bool mapped = false; // strings must go through restoreBytes()
};

ParsedLine parseLine(std::string_view line, const ImportLimits& limits)
{
    ParsedLine out;
    const std::string_view original = line;
    std::string mapped;
    if (!text::isValidUtf8(line)) {
        if (!mapInvalidBytes(line, mapped)) {
            out.problem = "holds bytes that are not UTF-8 and also characters U+10FF80..U+10FFFF, which VoxBench "
                          "uses to keep such bytes; convert the file to UTF-8";
            return out;
        }
        out.mapped = true;
        line = mapped;
    }
    size_t keys = 0;
    const auto limit = [&](int depth, nlohmann::detail::parse_event_t event, Json&) {
        using Event = nlohmann::detail::parse_event_t;
        if ((event == Event::object_start || event == Event::array_start) && depth >= limits.maxNestingDepth)
            throw OverLimit {"arrays and objects are nested more than " + std::to_string(limits.maxNestingDepth)
                + " levels deep; the limit is " + std::to_string(limits.maxNestingDepth)
                + " levels (ImportLimits::maxNestingDepth). Flatten the field or store it outside "
                  "the manifest."};
        if (event == Event::key && ++keys > limits.maxKeysPerLine)
            throw OverLimit {"the line has more than " + std::to_string(limits.maxKeysPerLine) + " keys; the limit is "
                + std::to_string(limits.maxKeysPerLine)
                + " keys per line (ImportLimits::maxKeysPerLine). Keep per-utterance fields few; "
                  "store large data outside the manifest."};
        return true;
    };
    try {
        out.object = Json::parse(line, limit);
    } catch (const Json::parse_error& error) {
        std::string problem = parseProblem(error);
        if (out.mapped) {
            // Its column and the token it quotes are of the mapped line: name the first byte instead.
            problem = problem.substr(0, problem.find("; last read"));
            if (const auto at = problem.find(" at column "); at != std::string::npos)
                problem.erase(at, problem.find(':', at) - at);
            problem += " (the line holds bytes that are not UTF-8: "
                + text::describeInvalidUtf8(original, text::invalidUtf8Offset(original)) + ")";
        }
        out.problem = "not valid JSON: " + problem;
    } catch (const OverLimit& over) {
        out.problem = over.reason;
    }
    return out;
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
    LineReader lines(file, options.limits);
    if (!lines.opened())
        return makeError("cannot open the file for reading", text::displayPath(file));
    ReportBuilder builder(Format::NemoManifest, file, options);
    const fs::path base = file.parent_path();
    size_t withoutText = 0;

    std::string line;
    bool tooLong = false;
    while (lines.next(line, tooLong)) {
        const std::int64_t number = lines.number();
        if (!builder.withinLineLimit(line.size(), tooLong, file, number) || isBlank(line))
            continue;
        ParsedLine parsed = parseLine(line, options.limits);
        if (!parsed.problem.empty()) {
            builder.skip(file, number, parsed.problem);
            continue;
        }
        const Json& object = parsed.object;
        const auto str = [&](const std::string& value) { return parsed.mapped ? restoreBytes(value) : value; };
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
            builder.skip(file, number, "audio_filepath is not a non-empty string: " + str(audioField->dump()));
            continue;
        }
        const auto duration = numberField(object, "duration");
        const auto offset = numberField(object, "offset");
        if (!duration.problem.empty() || !offset.problem.empty()) {
            builder.skip(file, number, str(duration.problem.empty() ? offset.problem : duration.problem));
            continue;
        }

        Utterance utterance;
        if (const auto textField = object.find("text"); textField == object.end() || textField->is_null()) {
            ++withoutText;
        } else if (textField->is_string()) {
            utterance.reference = std::string(trim(str(textField->get_ref<const std::string&>())));
        } else {
            builder.skip(file, number, "text is not a string: " + str(textField->dump()));
            continue;
        }

        utterance.audio = resolvePath(base, str(audioField->get_ref<const std::string&>()));
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
            std::string shown = str(value.is_string() ? value.get_ref<const std::string&>() : value.dump());
            if ((key == "speaker" || key == "speaker_id") && utterance.speaker.empty() && !value.is_null())
                utterance.speaker = std::move(shown);
            else
                utterance.extra.emplace_back(str(key), std::move(shown));
        }
        builder.add(std::move(utterance), file, number);
    }
    if (lines.error())
        return *lines.error();
    if (withoutText > 0)
        builder.note(std::to_string(withoutText) + " manifest line(s) have no \"text\"; their references are empty");
    return builder.finish();
}

} // namespace vox::dataset::detail
