#include "app/cli/kws_report.h"

#include "app/cli/text_table.h"
#include "core/dataset/dataset_import.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

namespace vox::cli {

namespace {

using nlohmann::json;

struct Entry {
    store::RunRecord run;
    std::string variant; // from the card when the run cannot be read
    std::optional<run::KwsRunData> data;
    std::optional<run::KwsRunSummary> summary;
    std::string error;
};

std::string printed(const char* format, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// 69123 -> "69,123"
std::string grouped(int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(size_t(at), ",");
    return value < 0 ? "-" + digits : digits;
}

std::string percent(double rate)
{
    return printed("%.1f%%", 100 * rate);
}

std::string areaText(const std::optional<scoring::Interval>& area)
{
    if (!area)
        return "-";
    char text[96];
    std::snprintf(text, sizeof text, "%.2e [%.2e, %.2e]", area->estimate, area->low, area->high);
    return text;
}

// The figures both kinds of datasets show: cost, memory, time.
void costCells(const run::KwsRunSummary& s, const std::string& ms, std::vector<std::string>& cells)
{
    cells.push_back(s.cost ? printed("%.2f M", s.cost->macsPerSecond / 1e6) : "-");
    cells.push_back(s.cost ? grouped(s.cost->parameters) : "-");
    cells.push_back(s.cost ? printed("%.1f kB", double(s.cost->parameterBytes) / 1e3) : "-");
    cells.push_back(s.peakMemoryBytes ? printed("%.1f MB", double(*s.peakMemoryBytes) / 1e6) : "-");
    cells.push_back(ms);
    cells.push_back(s.realTimeFactor > 0 ? printed("%.4f", s.realTimeFactor) : "-");
}

json intervalJson(const std::optional<scoring::Interval>& i)
{
    if (!i)
        return nullptr;
    return {{"estimate", i->estimate}, {"low", i->low}, {"high", i->high}, {"level", i->level},
            {"resamples", i->resamples}};
}

json optionalJson(const std::optional<double>& v)
{
    return v ? json(*v) : json(nullptr);
}

json runJson(const Entry& e, const std::string& dataset, const Entry* baseline, const KwsReportOptions& options)
{
    json j{{"run", e.run.id}, {"variant", e.variant}, {"dataset", dataset}, {"status", e.run.status},
           {"message", e.run.message}};
    if (!e.summary) {
        j["error"] = e.error;
        return j;
    }
    const run::KwsRunData& d = *e.data;
    const run::KwsRunSummary& s = *e.summary;
    j["kind"] = s.kind;
    j["utterances"] = d.utterances;
    j["done"] = int64_t(d.clips.size() + d.streams.size());
    j["failed"] = s.failed;
    j["threshold"] = s.threshold;
    j["labels"] = d.package.labels;
    j["keyword"] = d.package.keyword;
    if (s.clips > 0) {
        j["area"] = intervalJson(s.area);
        j["area_pass_mark"] = options.targets.areaPassMark;
        j["passes"] = s.passes;
        j["fa_rate_target"] = options.targets.falseAlarmRate;
        j["frr_at_fa_rate"] = s.area ? json(s.frrAtFalseAlarmRate) : json(nullptr);
        j["at_threshold"] = {{"false_alarms", s.atThreshold.falseAlarms}, {"false_rejects", s.atThreshold.falseRejects},
                             {"fa_rate", s.atThreshold.falseAlarmRate}, {"fr_rate", s.atThreshold.falseRejectRate}};
        j["accuracy"] = s.accuracy.accuracy();
        j["confusion"] = s.accuracy.confusion;
        j["ms_per_clip"] = s.msPerClip;
        json clips = json::array();
        for (const auto& c : d.clips) {
            json clip{{"id", c.clipId}, {"label", c.label}, {"keyword", c.isKeyword}};
            if (c.error.empty()) {
                clip["keyword_probability"] = c.keywordProbability;
                clip["probabilities"] = c.probabilities;
                clip["predicted"] = c.predicted;
                clip["ms"] = c.ms;
            } else {
                clip["error"] = c.error;
            }
            clips.push_back(std::move(clip));
        }
        j["clips"] = std::move(clips);
    }
    if (s.streams > 0) {
        j["fa_per_hour"] = s.streamAtThreshold.falseAlarmsPerHour;
        j["miss_rate"] = s.streamAtThreshold.missRate;
        j["hits"] = s.streamAtThreshold.hits;
        j["misses"] = s.streamAtThreshold.misses;
        j["false_alarms"] = s.streamAtThreshold.falseAlarms;
        j["fa_per_hour_target"] = options.targets.falseAlarmsPerHour;
        j["miss_rate_at_target"] = optionalJson(s.missRateAtTarget);
        j["ms_per_chunk"] = s.msPerChunk;
        json streams = json::array();
        for (const auto& st : d.streams) {
            json stream{{"id", st.streamId}, {"seconds", st.seconds}, {"chunk_seconds", st.chunkSeconds}};
            if (st.error.empty()) {
                kws::DetectionSettings at = d.package.detection;
                at.threshold = s.threshold;
                const auto detections = kws::detectKeyword(st.scores, st.chunkSeconds, at);
                const auto match = kws::matchDetections(detections, st.keywords, at.toleranceSeconds);
                json list = json::array();
                for (size_t i = 0; i < detections.size(); ++i)
                    list.push_back({detections[i].seconds, detections[i].peak, match.matchedKeyword[i]});
                stream["detections"] = std::move(list); // [seconds, peak, keyword index or -1]
                stream["keywords"] = match.keywords;
                stream["scores"] = st.scores;
                stream["ms"] = st.ms;
            } else {
                stream["error"] = st.error;
            }
            streams.push_back(std::move(stream));
        }
        j["streams"] = std::move(streams);
    }
    if (s.cost) {
        j["macs_per_second"] = s.cost->macsPerSecond;
        j["parameters"] = s.cost->parameters;
        j["parameter_bytes"] = s.cost->parameterBytes;
        j["bytes_by_dtype"] = s.cost->bytesByDtype;
        j["bytes_on_disk"] = s.cost->bytesOnDisk;
    } else {
        j["cost_error"] = d.costError;
    }
    j["peak_memory_bytes"] = s.peakMemoryBytes ? json(*s.peakMemoryBytes) : json(nullptr);
    j["rtf"] = s.realTimeFactor;
    if (baseline && baseline->summary) {
        const auto r = run::kwsRatios(*baseline->summary, s);
        j["baseline"] = {{"run", baseline->run.id}, {"variant", baseline->variant}};
        j["ratios"] = {{"speed", optionalJson(r.speed)},     {"memory", optionalJson(r.memory)},
                       {"parameter_bytes", optionalJson(r.parameterBytes)}, {"macs", optionalJson(r.macs)},
                       {"delta_area", optionalJson(r.deltaArea)}};
    }
    return j;
}

// One dataset's runs as a table: clip or stream columns by the dataset's kind.
TextTable sectionTable(const std::vector<const Entry*>& entries, bool streams, const Entry* baseline,
                       const KwsReportOptions& options, ReportFormat format)
{
    const bool markdown = format == ReportFormat::Markdown;
    TextTable t;
    if (markdown)
        t.header = {"variant"};
    else
        t.header = {"run", "variant", "status", "done", "failed"};
    const std::string mark = printed("%.0e", options.targets.areaPassMark);
    if (streams)
        t.header.insert(t.header.end(), {"kind", "FA/h", "miss rate",
                                         "miss rate at " + printed("%g", options.targets.falseAlarmsPerHour) + " FA/h"});
    else
        t.header.insert(t.header.end(), {"kind", "area [95% CI]", "pass (<= " + mark + ")",
                                         "FRR at " + printed("%g", 100 * options.targets.falseAlarmRate) + "% FA",
                                         "accuracy"});
    t.header.insert(t.header.end(), {"MACs/s", "parameters", "weights", "peak memory",
                                     streams ? "ms/chunk" : "ms/clip", "RTF",
                                     "vs " + (baseline ? baseline->variant : std::string("baseline"))});
    for (size_t i = 0; i < t.header.size(); ++i)
        t.numeric.push_back(t.header[i] != "variant" && t.header[i] != "status"
                            && t.header[i] != "kind" && t.header[i].rfind("vs ", 0) != 0
                            && t.header[i].rfind("pass", 0) != 0);

    for (const Entry* e : entries) {
        TextTable::Row row;
        if (markdown) {
            row.cells = {e->variant};
        } else {
            const int64_t done = e->data ? int64_t(e->data->clips.size() + e->data->streams.size()) : 0;
            row.cells = {std::to_string(e->run.id), e->variant, e->run.status,
                         std::to_string(done) + "/" + std::to_string(e->data ? e->data->utterances : 0),
                         std::to_string(e->summary ? e->summary->failed : 0)};
        }
        row.note = e->run.message;
        if (!e->summary) {
            row.cells.resize(t.header.size(), "-");
            row.note += (row.note.empty() ? "" : "; ") + e->error;
            t.rows.push_back(std::move(row));
            continue;
        }
        const run::KwsRunSummary& s = *e->summary;
        row.cells.push_back(s.kind);
        if (streams) {
            const bool any = s.streams > s.failed;
            row.cells.push_back(any ? printed("%.1f", s.streamAtThreshold.falseAlarmsPerHour) : "-");
            row.cells.push_back(any ? percent(s.streamAtThreshold.missRate) : "-");
            row.cells.push_back(s.missRateAtTarget ? percent(*s.missRateAtTarget) : "-");
            costCells(s, any ? printed("%.3f", s.msPerChunk) : "-", row.cells);
        } else {
            row.cells.push_back(areaText(s.area));
            row.cells.push_back(s.area ? (s.passes ? "pass" : "fail") : "-");
            row.cells.push_back(s.area ? percent(s.frrAtFalseAlarmRate) : "-");
            row.cells.push_back(s.accuracy.clips > 0 ? percent(s.accuracy.accuracy()) : "-");
            costCells(s, s.clips > s.failed ? printed("%.3f", s.msPerClip) : "-", row.cells);
        }
        if (e == baseline)
            row.cells.push_back("baseline");
        else if (baseline && baseline->summary) {
            const std::string ratios = run::describeRatios(run::kwsRatios(*baseline->summary, s));
            row.cells.push_back(ratios.empty() ? "-" : ratios);
        } else {
            row.cells.push_back("-");
        }
        if (!e->data->costError.empty())
            row.note += (row.note.empty() ? "" : "; ") + ("MACs not counted: " + e->data->costError);
        t.rows.push_back(std::move(row));
    }
    return t;
}

} // namespace

void reportKwsRuns(store::ProjectStore& store, const std::vector<store::RunRecord>& runs,
                   const KwsReportOptions& options, ReportFormat format, CliContext& context, json& jsonOut)
{
    std::map<int64_t, store::DatasetRecord> datasets;
    if (auto list = store.datasets())
        for (auto& d : *list)
            datasets[d.id] = d;

    std::vector<Entry> entries;
    std::vector<int64_t> order; // datasets in the order of their first run
    for (const auto& r : runs) {
        Entry e;
        e.run = r;
        if (auto card = run::readRunCard(r.cardJson))
            e.variant = card->variantName;
        if (auto data = run::readKwsRun(store, r.id)) {
            e.variant = data->variant;
            e.summary = run::summarizeKwsRun(*data, options.targets);
            e.data = std::move(*data);
        } else {
            e.error = data.error().message;
        }
        if (std::find(order.begin(), order.end(), r.datasetId) == order.end())
            order.push_back(r.datasetId);
        entries.push_back(std::move(e));
    }

    for (int64_t datasetId : order) {
        std::vector<const Entry*> section;
        for (const auto& e : entries)
            if (e.run.datasetId == datasetId)
                section.push_back(&e);
        // The baseline: the first run of the chosen variant (or of the first run's variant) that
        // has figures, else the first one that could be read.
        const Entry* baseline = nullptr;
        const Entry* readable = nullptr;
        for (const Entry* e : section) {
            if (!e->summary || (!options.baseline.empty() && e->variant != options.baseline))
                continue;
            if (!readable)
                readable = e;
            if (options.baseline.empty() && e->variant != readable->variant)
                continue;
            if (!baseline && (e->summary->clips > e->summary->failed || e->summary->streams > e->summary->failed))
                baseline = e;
        }
        if (!baseline)
            baseline = readable;
        const auto dataset = datasets.find(datasetId);
        const std::string name = dataset == datasets.end() ? std::to_string(datasetId) : dataset->second.name;
        const auto kind = dataset == datasets.end() ? dataset::KwsData::None : dataset::kwsDataKind(dataset->second.format);
        const bool streams = kind == dataset::KwsData::Stream;

        if (format == ReportFormat::Json) {
            for (const Entry* e : section)
                jsonOut.push_back(runJson(*e, name, baseline, options));
            continue;
        }
        context.out << "\nKWS runs over '" << name << "' ("
                    << (streams ? "stream" : kind == dataset::KwsData::Clips ? "clips" : "a speech dataset");
        if (baseline)
            context.out << "; baseline " << baseline->variant << ", run " << baseline->run.id;
        else if (!options.baseline.empty())
            context.out << "; no run of the baseline " << options.baseline << " over it";
        if (streams)
            context.out << "; FA/h and miss rate at "
                        << (options.targets.threshold ? "threshold " + printed("%g", *options.targets.threshold)
                                                      : std::string("each package's threshold"));
        context.out << "):\n"
                    << (format == ReportFormat::Markdown ? "\n" : "");
        const TextTable table = sectionTable(section, streams, baseline, options, format);
        if (format == ReportFormat::Markdown)
            printMarkdown(table, context.out);
        else
            printTabSeparated(table, context.out);
        const Entry* first = section.front();
        for (const Entry* e : section) {
            if (e == first)
                continue;
            const auto diff = run::differences(first->run.cardJson, e->run.cardJson);
            if (!diff.empty())
                context.out << "not comparable: run " << first->run.id << " and run " << e->run.id << " differ in "
                            << run::describe(diff) << "\n";
        }
    }
}

} // namespace vox::cli
