#include "core/run/kws_results.h"

#include "core/dataset/dataset_import.h"
#include "core/kws/package.h"
#include "core/run/run_summary.h"
#include "core/store/package_records.h"
#include "core/util/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace vox::run {

using nlohmann::json;
namespace jf = json_fields;

namespace {

json parsedObject(const std::string& text)
{
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_object() ? j : json::object();
}

double number(const json& j, const char* key, double otherwise = 0)
{
    const json& v = jf::at(j, key);
    return v.is_number() ? v.get<double>() : otherwise;
}

template <typename T>
std::vector<T> numbers(const json& j, const char* key)
{
    std::vector<T> out;
    const json& v = jf::at(j, key);
    if (!v.is_array())
        return out;
    out.reserve(v.size());
    for (const json& x : v)
        out.push_back(x.is_number() ? x.get<T>() : T(NAN));
    return out;
}

// The stream's known keyword times: the utterance's extra field "keyword_spans", a JSON string
// of [[start, end], ...] (core/dataset/dataset_import.h); an array is taken as well.
std::vector<kws::KeywordTime> keywordSpans(const std::string& extraJson)
{
    const json extra = parsedObject(extraJson);
    json spans = jf::at(extra, "keyword_spans");
    if (spans.is_string())
        spans = json::parse(spans.get<std::string>(), nullptr, false);
    std::vector<kws::KeywordTime> out;
    if (!spans.is_array())
        return out;
    for (const json& s : spans)
        if (s.is_array() && s.size() == 2 && s[0].is_number() && s[1].is_number())
            out.push_back({s[0].get<double>(), s[1].get<double>()});
    return out;
}

KwsClipRow clipRow(const store::UtteranceRecord& u, const store::ResultRecord& r, const kws::PackageInfo& package)
{
    KwsClipRow row;
    row.utteranceId = u.id;
    row.clipId = u.uttId;
    row.label = u.reference;
    row.isKeyword = u.reference == package.keyword;
    row.error = r.error;
    row.audioPath = u.audioPath;
    row.start = u.start.value_or(0.0);
    row.end = u.end.value_or(-1.0);
    const json output = parsedObject(r.outputJson);
    row.keywordProbability = number(output, "keyword_probability");
    row.predicted = jf::text(output, "predicted");
    row.probabilities = numbers<double>(output, "probabilities");
    row.ms = number(parsedObject(r.timingsJson), "per_utterance_ms");
    return row;
}

KwsStreamRow streamRow(const store::UtteranceRecord& u, const store::ResultRecord& r)
{
    KwsStreamRow row;
    row.utteranceId = u.id;
    row.streamId = u.uttId;
    row.audioPath = u.audioPath;
    row.error = r.error;
    row.keywords = keywordSpans(u.extraJson);
    const json output = parsedObject(r.outputJson);
    const json timings = parsedObject(r.timingsJson);
    const double rate = number(output, "sample_rate", 16000);
    row.chunkSeconds = rate > 0 ? number(output, "chunk_samples") / rate : 0.0;
    row.scores = numbers<float>(output, "scores");
    row.seconds = number(timings, "audio_s", u.duration.value_or(0.0));
    if (row.seconds <= 0)
        row.seconds = u.duration.value_or(0.0);
    row.ms = number(timings, "total_ms");
    row.msPerChunk = number(timings, "per_chunk_ms");
    return row;
}

// Stream points at the same thresholds summed over streams: counts added, rates from the sums.
std::vector<kws::StreamPoint> summedCurve(const std::vector<const KwsStreamRow*>& streams,
                                          const kws::DetectionSettings& detection, std::vector<double> thresholds)
{
    if (streams.empty())
        return {};
    if (thresholds.empty()) {
        // 0.01 .. 0.99 and every score (kws::streamCurve's own), and one above every score: the
        // detector that never fires (no false alarm, every keyword missed) is a point of the
        // curve too, so a miss rate at a false-alarm rate no other threshold reaches is 1, not
        // unknown.
        double highest = 1.0;
        for (int i = 1; i <= 99; ++i)
            thresholds.push_back(i / 100.0);
        for (const KwsStreamRow* s : streams)
            for (float score : s->scores)
                if (!std::isnan(score)) {
                    thresholds.push_back(double(score));
                    highest = std::max(highest, double(score));
                }
        thresholds.push_back(std::nextafter(highest, 2 * highest));
    }
    std::vector<kws::StreamPoint> sum;
    double seconds = 0;
    for (const KwsStreamRow* s : streams) {
        seconds += s->seconds;
        const auto curve = kws::streamCurve(s->scores, s->chunkSeconds, s->keywords, s->seconds, detection, thresholds);
        if (sum.empty()) {
            sum = curve;
            continue;
        }
        for (size_t i = 0; i < sum.size() && i < curve.size(); ++i) {
            sum[i].hits += curve[i].hits;
            sum[i].misses += curve[i].misses;
            sum[i].falseAlarms += curve[i].falseAlarms;
        }
    }
    for (auto& p : sum) {
        const int keywords = p.hits + p.misses;
        p.missRate = keywords > 0 ? double(p.misses) / keywords : 0.0;
        p.falseAlarmsPerHour = seconds > 0 ? p.falseAlarms / (seconds / 3600.0) : 0.0;
    }
    return sum;
}

std::optional<double> ratio(double baseline, double variant)
{
    if (baseline > 0 && variant > 0 && std::isfinite(baseline) && std::isfinite(variant))
        return baseline / variant;
    return std::nullopt;
}

// "x10.2 faster" for ratios above 1, "x1.6 slower" (the inverse) below, "same speed" within
// half a percent.
std::string timesText(double r, const char* better, const char* worse, const char* same)
{
    char text[64];
    if (std::abs(r - 1) < 0.005)
        return same;
    if (r >= 1)
        std::snprintf(text, sizeof text, "x%.3g %s", r, better);
    else
        std::snprintf(text, sizeof text, "x%.3g %s", 1 / r, worse);
    return text;
}

// "+1.2e-4", "-3e-5", "+0": a signed small number with a short exponent.
std::string signedSmall(double value)
{
    if (value == 0)
        return "+0";
    char text[64];
    std::snprintf(text, sizeof text, std::abs(value) < 0.01 ? "%+.1e" : "%+.2g", value);
    std::string s = text;
    if (const auto e = s.find('e'); e != std::string::npos) {
        // "e-04" -> "e-4"
        size_t digits = e + 2;
        while (digits + 1 < s.size() && s[digits] == '0')
            s.erase(digits, 1);
    }
    return s;
}

} // namespace

Expected<KwsRunData> readKwsRun(store::ProjectStore& store, int64_t runId)
{
    KwsRunData data;
    auto run = store.run(runId);
    if (!run)
        return run.error();
    data.run = *run;
    auto card = readRunCard(run->cardJson);
    if (!card)
        return makeError("run " + std::to_string(runId) + ": " + card.error().message, card.error().context);
    data.card = std::move(*card);

    auto variants = store.variants();
    if (!variants)
        return variants.error();
    const auto variant = std::find_if(variants->begin(), variants->end(),
                                      [&](const store::VariantRecord& v) { return v.id == run->variantId; });
    if (variant == variants->end())
        return makeError("run " + std::to_string(runId) + ": its variant is no longer in the project", store.path().string());
    data.variant = variant->name;
    const std::string family = store::variantFacts(variant->manifestJson).family;
    if (family != kws::kFamily)
        return makeError("run " + std::to_string(runId) + " is not a keyword-spotting run: variant " + variant->name
                             + " is a " + (family.empty() ? "unknown" : family) + " package",
                         store.path().string());
    auto package = kws::readPackage(variant->packagePath, /*verifyChecksums=*/false);
    if (!package)
        return makeError("run " + std::to_string(runId) + ": cannot read the package of variant " + variant->name + ": "
                             + package.error().message,
                         package.error().context);
    data.package = std::move(*package);

    auto datasets = store.datasets();
    if (!datasets)
        return datasets.error();
    const auto dataset = std::find_if(datasets->begin(), datasets->end(),
                                      [&](const store::DatasetRecord& d) { return d.id == run->datasetId; });
    const dataset::KwsData kind = dataset == datasets->end() ? dataset::KwsData::None : dataset::kwsDataKind(dataset->format);
    auto stored = storedResults(store, *run, data.card.settings);
    if (!stored)
        return stored.error();
    data.utterances = stored->covered;
    for (const auto& [u, r] : stored->done) {
        if (r.peakMemoryBytes)
            data.peakMemoryBytes = std::max(data.peakMemoryBytes.value_or(0), *r.peakMemoryBytes);
        const bool stream = kind == dataset::KwsData::Stream
                            || (kind == dataset::KwsData::None && jf::at(parsedObject(r.outputJson), "scores").is_array());
        const json timings = parsedObject(r.timingsJson);
        if (r.error.empty())
            data.audioSeconds += number(timings, "audio_s");
        if (stream) {
            data.streams.push_back(streamRow(u, r));
            if (r.error.empty())
                data.computeSeconds += data.streams.back().ms / 1000.0;
        } else {
            data.clips.push_back(clipRow(u, r, data.package));
            if (r.error.empty())
                data.computeSeconds += data.clips.back().ms / 1000.0;
        }
    }

    auto cost = kws::kwsCost(data.package, data.card.settings.chunkSamples);
    if (cost)
        data.cost = std::move(*cost);
    else
        data.costError = cost.error().message;
    return data;
}

KwsRunSummary summarizeKwsRun(const KwsRunData& data, const KwsTargets& targets)
{
    KwsRunSummary s;
    s.runId = data.run.id;
    s.variant = data.variant;
    s.kind = data.card.variantKind.empty() ? data.package.variantKind : data.card.variantKind;
    s.threshold = targets.threshold.value_or(data.package.detection.threshold);

    // Clips
    const auto& labels = data.package.labels;
    std::vector<kws::ScoredClip> scored;
    std::vector<int> truth, predicted;
    double clipMs = 0;
    for (const auto& c : data.clips) {
        ++s.clips;
        if (!c.error.empty()) {
            ++s.failed;
            continue;
        }
        scored.push_back({c.keywordProbability, c.isKeyword});
        s.keywordClips += c.isKeyword;
        clipMs += c.ms;
        const auto t = std::find(labels.begin(), labels.end(), c.label);
        const auto p = std::find(labels.begin(), labels.end(), c.predicted);
        if (t != labels.end() && p != labels.end()) { // a label the package does not know has no cell
            truth.push_back(int(t - labels.begin()));
            predicted.push_back(int(p - labels.begin()));
        }
    }
    s.curve = kws::faFrCurve(scored);
    if (s.curve.defined()) {
        s.area = kws::areaInterval(scored, targets.bootstrapResamples, targets.seed);
        s.passes = s.area->estimate <= targets.areaPassMark;
        s.frrAtFalseAlarmRate = kws::falseRejectRateAt(s.curve, targets.falseAlarmRate);
    }
    s.atThreshold = kws::operatingPoint(scored, s.threshold);
    s.accuracy = kws::summarizeClips(labels.size(), truth, predicted);
    s.msPerClip = scored.empty() ? 0.0 : clipMs / double(scored.size());

    // Streams
    std::vector<const KwsStreamRow*> streams;
    double streamMs = 0;
    size_t chunks = 0;
    for (const auto& st : data.streams) {
        ++s.streams;
        if (!st.error.empty()) {
            ++s.failed;
            continue;
        }
        streams.push_back(&st);
        streamMs += st.ms;
        chunks += st.scores.size();
    }
    if (!streams.empty()) {
        s.streamCurve = summedCurve(streams, data.package.detection, {});
        s.missRateAtTarget = kws::missRateAt(s.streamCurve, targets.falseAlarmsPerHour);
        const auto at = summedCurve(streams, data.package.detection, {s.threshold});
        if (!at.empty())
            s.streamAtThreshold = at.front();
        s.msPerChunk = chunks > 0 ? streamMs / double(chunks) : 0.0;
    }

    // Cost
    s.cost = data.cost;
    s.peakMemoryBytes = data.peakMemoryBytes;
    s.realTimeFactor = data.audioSeconds > 0 ? data.computeSeconds / data.audioSeconds : 0.0;
    return s;
}

KwsRatios kwsRatios(const KwsRunSummary& baseline, const KwsRunSummary& variant)
{
    KwsRatios r;
    r.speed = ratio(baseline.msPerClip, variant.msPerClip);
    if (!r.speed)
        r.speed = ratio(baseline.msPerChunk, variant.msPerChunk);
    if (baseline.cost && variant.cost) {
        r.parameterBytes = ratio(double(baseline.cost->parameterBytes), double(variant.cost->parameterBytes));
        r.macs = ratio(baseline.cost->macsPerSecond, variant.cost->macsPerSecond);
    }
    if (baseline.peakMemoryBytes && variant.peakMemoryBytes)
        r.memory = ratio(double(*baseline.peakMemoryBytes), double(*variant.peakMemoryBytes));
    if (!r.memory)
        r.memory = r.parameterBytes;
    if (baseline.area && variant.area)
        r.deltaArea = variant.area->estimate - baseline.area->estimate;
    return r;
}

std::string describeRatios(const KwsRatios& ratios)
{
    std::vector<std::string> parts;
    if (ratios.speed)
        parts.push_back(timesText(*ratios.speed, "faster", "slower", "same speed"));
    if (ratios.memory)
        parts.push_back(timesText(*ratios.memory, "less memory", "more memory", "same memory"));
    if (ratios.macs)
        parts.push_back(timesText(*ratios.macs, "fewer MACs", "more MACs", "same MACs"));
    if (ratios.deltaArea)
        parts.push_back("area " + signedSmall(*ratios.deltaArea));
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

} // namespace vox::run
