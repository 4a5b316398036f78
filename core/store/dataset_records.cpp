#include "core/store/dataset_records.h"

#include "core/text/byte_text.h"

#include <nlohmann/json.hpp>

namespace vox::store {

std::vector<UtteranceRecord> utteranceRecords(const dataset::ImportReport& report)
{
    std::vector<UtteranceRecord> records;
    records.reserve(report.utterances.size());
    for (const auto& u : report.utterances) {
        UtteranceRecord r;
        r.uttId = u.id;
        r.audioPath = u.audio.native(); // raw bytes: the path must still open the file
        if (u.start > 0 || u.end >= 0)
            r.start = u.start;
        if (u.end >= 0)
            r.end = u.end;
        if (u.duration >= 0)
            r.duration = u.duration;
        r.reference = u.reference;
        r.speaker = u.speaker;
        nlohmann::json extra = nlohmann::json::object();
        for (const auto& [key, value] : u.extra)
            extra[key] = value;
        r.extraJson = extra.dump();
        records.push_back(std::move(r));
    }
    return records;
}

DatasetRecord datasetRecord(const dataset::ImportReport& report, const std::string& name)
{
    nlohmann::json j;
    j["format"] = dataset::formatName(report.format);
    // The importer made ids, fields, skips and notes valid UTF-8; paths are escaped here.
    j["source"] = text::displayPath(report.source);
    j["skipped"] = nlohmann::json::array();
    for (const auto& s : report.skipped)
        j["skipped"].push_back({{"file", s.file}, {"line", s.line}, {"reason", s.reason}});
    j["notes"] = report.notes;

    DatasetRecord dataset;
    dataset.name = text::escapeBytes(name.empty() ? report.source.filename().native() : name);
    dataset.source = report.source.native(); // raw bytes, like an utterance's audio path
    dataset.format = dataset::formatName(report.format);
    dataset.reportJson = j.dump();
    return dataset;
}

} // namespace vox::store
