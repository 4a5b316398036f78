// Kaldi data directories: wav.scp (RECID PATH), text (UTTID WORDS), and optionally segments
// (UTTID RECID START END: utterances are spans of recordings), utt2spk and utt2dur. Without
// segments an utterance id is a recording id. Piped wav.scp entries ("sox ... |") would need a
// shell to produce audio, so they are refused line by line.
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/text/byte_text.h"

#include <optional>
#include <unordered_map>

namespace vox::dataset::detail {

namespace {

struct Entry {
    std::string value;
    std::int64_t line = 0;
};
using Entries = std::unordered_map<std::string, Entry>;

struct Recording {
    fs::path audio;
    std::int64_t line = 0;
    std::string refused; // non-empty: why this entry has no usable audio
    bool used = false;
};

struct Segment {
    std::string recording;
    double start = 0;
    double end = -1;
    std::int64_t line = 0;
    bool used = false;
};

std::string firstSeen(const std::string& id, std::int64_t line)
{
    return "duplicate id " + id + " (first on line " + std::to_string(line) + ")";
}

// The file's text; nullopt when it is absent. An unreadable file is reported as skipped.
std::optional<std::string> readOptional(const fs::path& file, ReportBuilder& builder)
{
    std::error_code error;
    if (!fs::is_regular_file(file, error))
        return std::nullopt;
    auto text = readTextFile(file);
    if (!text) {
        builder.skip(file, 0, text.error().message);
        return std::string();
    }
    return std::move(*text);
}

// Calls onLine(key, rest, line number) for each "KEY VALUE..." line, in file order.
template <typename OnLine> void forEachKeyedLine(std::string_view text, OnLine onLine)
{
    LineCursor lines(text);
    std::string_view line;
    while (lines.next(line)) {
        if (isBlank(line))
            continue;
        std::string_view key, value;
        splitFirstWord(line, key, value);
        onLine(std::string(key), value, lines.number());
    }
}

// utt2spk, utt2dur: the first entry for a key wins.
Entries readMap(const fs::path& file, ReportBuilder& builder)
{
    Entries entries;
    const auto text = readOptional(file, builder);
    if (!text)
        return entries;
    forEachKeyedLine(*text, [&](std::string key, std::string_view value, std::int64_t line) {
        if (value.empty()) {
            builder.skip(file, line, "no value after " + key);
            return;
        }
        auto [it, inserted] = entries.try_emplace(std::move(key), Entry {std::string(value), line});
        if (!inserted)
            builder.skip(file, line, firstSeen(it->first, it->second.line));
    });
    return entries;
}

} // namespace

Expected<ImportReport> importKaldiDirectory(const fs::path& dir, const ImportOptions& options)
{
    const fs::path wavScp = dir / "wav.scp", textFile = dir / "text", segmentsFile = dir / "segments";
    ReportBuilder builder(Format::KaldiDirectory, dir, options);
    // Kaldi scripts run from the recipe root with data in data/NAME, so relative paths in
    // wav.scp are often relative to two levels up rather than to the data directory.
    const fs::path recipeRoot = dir.parent_path().parent_path();
    size_t fromRecipeRoot = 0;

    std::unordered_map<std::string, Recording> recordings;
    std::vector<std::string> recordingOrder;
    std::error_code error;
    if (!fs::is_regular_file(wavScp, error))
        return makeError("a Kaldi data directory needs a wav.scp file", text::displayPath(dir));
    auto wavText = readTextFile(wavScp);
    if (!wavText)
        return wavText.error();
    forEachKeyedLine(*wavText, [&](std::string id, std::string_view value, std::int64_t line) {
        if (value.empty()) {
            builder.skip(wavScp, line, "no audio path after " + id);
            return;
        }
        auto [it, inserted] = recordings.try_emplace(id);
        if (!inserted) {
            builder.skip(wavScp, line, firstSeen(id, it->second.line));
            return;
        }
        recordingOrder.push_back(id);
        Recording& recording = it->second;
        recording.line = line;
        if (value.find('|') != std::string_view::npos) {
            recording.refused = "wav.scp line " + std::to_string(line) + " is a piped command";
            builder.skip(
                wavScp, line, "piped wav.scp entries (commands) are not supported; extract the audio to files first");
            return;
        }
        recording.audio = resolvePath(dir, value);
        if (builder.checksAudio() && fs::path(std::string(value)).is_relative()
            && !fs::exists(recording.audio, error)) {
            fs::path alternative = resolvePath(recipeRoot, value);
            if (fs::exists(alternative, error)) {
                recording.audio = std::move(alternative);
                ++fromRecipeRoot;
            }
        }
    });

    std::unordered_map<std::string, Segment> segments;
    std::vector<std::string> segmentOrder;
    const auto segmentsText = readOptional(segmentsFile, builder);
    const bool hasSegments = segmentsText.has_value();
    forEachKeyedLine(segmentsText ? std::string_view(*segmentsText) : std::string_view(),
        [&](std::string id, std::string_view value, std::int64_t line) {
            std::string_view recording, times, startText, endText;
            splitFirstWord(value, recording, times);
            splitFirstWord(times, startText, endText);
            const auto start = parseNumber(startText), end = parseNumber(endText);
            if (recording.empty() || !start || !end) {
                builder.skip(segmentsFile, line, "expected \"SEGMENT RECORDING START END\" with times in seconds");
                return;
            }
            // END -1 means "to the end of the recording" in Kaldi.
            if (*start < 0 || (*end >= 0 && *end <= *start)) {
                builder.skip(segmentsFile, line, "the segment's end is not after its start");
                return;
            }
            auto [it, inserted]
                = segments.try_emplace(id, Segment {std::string(recording), *start, *end < 0 ? -1 : *end, line});
            if (!inserted) {
                builder.skip(segmentsFile, line, firstSeen(id, it->second.line));
                return;
            }
            segmentOrder.push_back(std::move(id));
        });
    const Entries speakers = readMap(dir / "utt2spk", builder);
    const Entries durations = readMap(dir / "utt2dur", builder);

    // One utterance, from the line that names it (text, or segments / wav.scp without text).
    const auto addUtterance = [&](const std::string& id, std::string reference, const fs::path& file, int64_t line) {
        if (!builder.claimId(id, file, line))
            return;
        Utterance utterance;
        utterance.id = id;
        std::string recordingId = id;
        if (hasSegments) {
            const auto segment = segments.find(id);
            if (segment == segments.end()) {
                builder.skip(file, line, "no audio: " + id + " is not in segments");
                return;
            }
            segment->second.used = true;
            recordingId = segment->second.recording;
            utterance.start = segment->second.start;
            utterance.end = segment->second.end;
        }
        const auto recording = recordings.find(recordingId);
        if (recording == recordings.end()) {
            builder.skip(file, line, "no audio: recording " + recordingId + " is not in wav.scp");
            return;
        }
        recording->second.used = true;
        if (!recording->second.refused.empty()) {
            builder.skip(file, line, "no audio: " + recording->second.refused);
            return;
        }
        utterance.audio = recording->second.audio;
        if (!builder.audioExists(utterance.audio, file, line))
            return;
        utterance.reference = std::move(reference);
        if (const auto speaker = speakers.find(id); speaker != speakers.end())
            utterance.speaker = speaker->second.value;
        if (const auto duration = durations.find(id); duration != durations.end())
            utterance.duration = parseNumber(duration->second.value).value_or(-1);
        builder.add(std::move(utterance), file, line);
    };

    const auto text = readOptional(textFile, builder);
    const bool hasText = text.has_value();
    forEachKeyedLine(text ? std::string_view(*text) : std::string_view(),
        [&](std::string id, std::string_view words, std::int64_t line) {
            addUtterance(id, std::string(words), textFile, line);
        });
    if (!hasText) {
        builder.note("there is no text file: the utterances were imported with empty references");
        if (hasSegments)
            for (const auto& id : segmentOrder)
                addUtterance(id, {}, segmentsFile, segments[id].line);
        else
            for (const auto& id : recordingOrder)
                if (recordings[id].refused.empty()) // a refused line is reported already
                    addUtterance(id, {}, wavScp, recordings[id].line);
    }

    size_t unused = 0;
    if (hasSegments) {
        for (const auto& [id, segment] : segments)
            unused += !segment.used;
        if (unused > 0)
            builder.note(std::to_string(unused) + " segment(s) in segments have no line in text and were not imported");
    } else {
        for (const auto& [id, recording] : recordings)
            unused += !recording.used && recording.refused.empty();
        if (unused > 0)
            builder.note(
                std::to_string(unused) + " recording(s) in wav.scp have no line in text and were not imported");
    }
    if (fromRecipeRoot > 0)
        builder.note(std::to_string(fromRecipeRoot) + " relative wav.scp path(s) were found relative to "
            + text::displayPath(recipeRoot) + " (the recipe directory), not to the data directory");
    return builder.finish();
}

} // namespace vox::dataset::detail
