// Generic tables: CSV or TSV with a header row, read through the TableColumns mapping. Both use
// RFC 4180 quoting, since the tools that write such tables (Python's csv, pandas) quote fields
// that hold the delimiter, quotes or line breaks. A column named "duration" that is not mapped
// otherwise fills Utterance::duration; the other unmapped columns go to `extra`.
#include "core/dataset/delimited_reader.h"
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/text/byte_text.h"

#include <algorithm>
#include <optional>

namespace vox::dataset::detail {

namespace {

constexpr size_t kNone = size_t(-1);

struct ColumnIndices {
    size_t audio = kNone, text = kNone, id = kNone, speaker = kNone, start = kNone, end = kNone, duration = kNone;

    bool isMapped(size_t i) const
    {
        return i == audio || i == text || i == id || i == speaker || i == start || i == end || i == duration;
    }
};

// Looks up every mapped column; the first one missing fails the import.
Expected<ColumnIndices> mapColumns(
    const std::vector<std::string>& header, const TableColumns& columns, const fs::path& file)
{
    ColumnIndices indices;
    const struct {
        const std::string& name;
        const char* role;
        size_t& index;
    } wanted[] = {
        {columns.audio, "audio path", indices.audio},
        {columns.text, "reference text", indices.text},
        {columns.id, "utterance id", indices.id},
        {columns.speaker, "speaker", indices.speaker},
        {columns.start, "start time", indices.start},
        {columns.end, "end time", indices.end},
    };
    for (const auto& column : wanted) {
        if (column.name.empty())
            continue;
        auto index = findColumn(header, column.name, column.role, file);
        if (!index)
            return index.error();
        column.index = *index;
    }
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == "duration" && !indices.isMapped(i))
            indices.duration = i;
    return indices;
}

// A time column: nullopt when unmapped or empty, an error text when not a number.
bool readTime(const std::vector<std::string>& fields, size_t index, const char* what, std::optional<double>& value,
    std::string& problem)
{
    if (index == kNone || isBlank(fields[index]))
        return true;
    value = parseNumber(fields[index]);
    if (!value || *value < 0) {
        problem = std::string(what) + " is not a number of seconds: \"" + fields[index] + "\"";
        return false;
    }
    return true;
}

} // namespace

Expected<ImportReport> importTable(const fs::path& file, const ImportOptions& options)
{
    const TableColumns& columns = options.columns;
    if (columns.audio.empty())
        return makeError("no audio column is chosen for the table", text::displayPath(file));
    char delimiter = columns.delimiter;
    if (delimiter == 0) {
        const std::string extension = lowerAscii(file.extension().string());
        delimiter = extension == ".tsv" || extension == ".tab" ? '\t' : ',';
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
        return makeError("the delimiter cannot be a quote or a line break", text::displayPath(file));

    auto text = readTextFile(file, options.limits.maxManifestBytes);
    if (!text)
        return text.error();
    DelimitedReader reader(*text, delimiter, true);
    Record header;
    if (!reader.next(header))
        return makeError("the table is empty; it needs a header row", text::displayPath(file));
    if (!header.error.empty())
        return makeError("the header row cannot be read: " + header.error, text::displayPath(file));
    for (auto& name : header.fields)
        name = std::string(trim(name));
    auto indices = mapColumns(header.fields, columns, file);
    if (!indices)
        return indices.error();

    ReportBuilder builder(Format::Table, file, options);
    const fs::path base = file.parent_path();
    builder.reserve(size_t(std::count(text->begin(), text->end(), '\n')) + 1);
    Record record;
    while (reader.next(record)) {
        const std::int64_t line = record.line;
        if (auto error = builder.lineCountError(file, line))
            return *error;
        if (!builder.withinLineLimit(recordBytes(record), false, file, line))
            continue;
        if (!record.error.empty()) {
            builder.skip(file, line, record.error);
            continue;
        }
        const auto& fields = record.fields;
        if (fields.size() != header.fields.size()) {
            builder.skip(file, line,
                "expected " + std::to_string(header.fields.size()) + " fields, found " + std::to_string(fields.size()));
            continue;
        }
        const auto audioText = trim(fields[indices->audio]);
        if (audioText.empty()) {
            builder.skip(file, line, "empty audio path");
            continue;
        }
        std::optional<double> start, end, duration;
        std::string problem;
        if (!readTime(fields, indices->start, "start", start, problem)
            || !readTime(fields, indices->end, "end", end, problem)
            || !readTime(fields, indices->duration, "duration", duration, problem)) {
            builder.skip(file, line, problem);
            continue;
        }
        if (end && *end <= start.value_or(0)) {
            builder.skip(file, line, "the end time is not after the start time");
            continue;
        }

        Utterance utterance;
        utterance.audio = resolvePath(base, audioText);
        utterance.start = start.value_or(0);
        utterance.end = end.value_or(-1);
        utterance.duration = duration.value_or(-1);
        if (indices->id != kNone) {
            utterance.id = std::string(trim(fields[indices->id]));
            if (utterance.id.empty()) {
                builder.skip(file, line, "empty id");
                continue;
            }
            if (!builder.claimId(utterance.id, file, line))
                continue;
        } else {
            const std::string span
                = utterance.audio.native() + "\n" + formatNumber(utterance.start) + "\n" + formatNumber(utterance.end);
            auto id = builder.deriveId(utterance.audio.stem().string(), span, file, line);
            if (!id)
                continue;
            utterance.id = std::move(*id);
        }
        if (!builder.audioExists(utterance.audio, file, line))
            continue;
        if (indices->text != kNone)
            utterance.reference = std::string(trim(fields[indices->text]));
        if (indices->speaker != kNone)
            utterance.speaker = std::string(trim(fields[indices->speaker]));
        for (size_t i = 0; i < fields.size(); ++i)
            if (!indices->isMapped(i) && !isBlank(fields[i]))
                utterance.extra.emplace_back(header.fields[i], fields[i]);
        builder.add(std::move(utterance), file, line);
    }
    if (indices->text == kNone)
        builder.note("no text column is chosen: the references are empty");
    return builder.finish();
}

} // namespace vox::dataset::detail
