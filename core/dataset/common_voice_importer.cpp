// Mozilla Common Voice: a split's TSV (train.tsv, validated.tsv, ...) with the header
// "client_id path sentence up_votes down_votes age gender accents ... locale segment", and the
// audio in clips/ next to it. Common Voice writes no quoting: sentences hold bare quotes, so the
// TSV is split on tabs only. The id is the clip's file name without extension.
#include "core/dataset/delimited_reader.h"
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/text/byte_text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace vox::dataset::detail {

namespace {

// Speaker facts and data set labels worth keeping; older releases say "accent", newer "accents".
constexpr std::array<const char*, 7> kKept {"age", "gender", "accents", "accent", "variant", "locale", "segment"};

} // namespace

Expected<ImportReport> importCommonVoice(const fs::path& file, const ImportOptions& options)
{
    auto text = readTextFile(file, options.limits.maxManifestBytes);
    if (!text)
        return text.error();
    DelimitedReader reader(*text, '\t', false);
    Record header;
    if (!reader.next(header))
        return makeError("the file is empty; a Common Voice TSV starts with a header row", text::displayPath(file));
    for (auto& name : header.fields)
        name = std::string(trim(name));

    auto clientColumn = findColumn(header.fields, "client_id", "Common Voice speaker", file);
    if (!clientColumn)
        return clientColumn.error();
    auto pathColumn = findColumn(header.fields, "path", "Common Voice clip", file);
    if (!pathColumn)
        return pathColumn.error();
    auto sentenceColumn = findColumn(header.fields, "sentence", "Common Voice sentence", file);
    if (!sentenceColumn)
        return sentenceColumn.error();
    std::vector<std::pair<std::string, size_t>> kept;
    for (const char* name : kKept)
        for (size_t i = 0; i < header.fields.size(); ++i)
            if (header.fields[i] == name)
                kept.emplace_back(name, i);

    ReportBuilder builder(Format::CommonVoice, file, options);
    const fs::path base = file.parent_path();
    builder.reserve(size_t(std::count(text->begin(), text->end(), '\n')) + 1);
    const fs::path clips = base / "clips";
    size_t besideTsv = 0;
    Record record;
    while (reader.next(record)) {
        const std::int64_t line = record.line;
        if (auto error = builder.lineCountError(file, line))
            return *error;
        if (!builder.withinLineLimit(recordBytes(record), false, file, line))
            continue;
        const auto& fields = record.fields;
        if (fields.size() != header.fields.size()) {
            builder.skip(file, line,
                "expected " + std::to_string(header.fields.size()) + " tab-separated fields, found "
                    + std::to_string(fields.size()));
            continue;
        }
        const auto clip = trim(fields[*pathColumn]);
        if (clip.empty()) {
            builder.skip(file, line, "empty path");
            continue;
        }
        Utterance utterance;
        utterance.audio = resolvePath(clips, clip);
        utterance.id = utterance.audio.stem().string();
        if (!builder.claimId(utterance.id, file, line))
            continue;
        // Some copies keep the clips next to the TSV instead of in clips/.
        if (builder.checksAudio()) {
            std::error_code error;
            if (!fs::is_regular_file(utterance.audio, error)) {
                fs::path beside = resolvePath(base, clip);
                if (fs::is_regular_file(beside, error)) {
                    utterance.audio = std::move(beside);
                    ++besideTsv;
                }
            }
        }
        if (!builder.audioExists(utterance.audio, file, line))
            continue;
        utterance.reference = std::string(trim(fields[*sentenceColumn]));
        utterance.speaker = std::string(trim(fields[*clientColumn]));
        for (const auto& [name, index] : kept)
            if (!isBlank(fields[index]))
                utterance.extra.emplace_back(name, std::string(trim(fields[index])));
        builder.add(std::move(utterance), file, line);
    }
    if (besideTsv > 0)
        builder.note(std::to_string(besideTsv) + " clip(s) were found next to the TSV rather than in clips/");
    return builder.finish();
}

} // namespace vox::dataset::detail
