#include "core/run/run_summary.h"

#include "core/run/run_executor.h"

#include "core/scoring/corpus_scorer.h"
#include "core/scoring/transcripts.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace vox::run {

using nlohmann::json;

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double pos = p * double(values.size() - 1);
    const size_t lo = size_t(pos);
    const size_t hi = std::min(values.size() - 1, lo + 1);
    return values[lo] + (values[hi] - values[lo]) * (pos - double(lo));
}

} // namespace

Expected<StoredResults> storedResults(store::ProjectStore& store, const store::RunRecord& run, const RunSettings& settings)
{
    auto all = store.utterances(run.datasetId);
    if (!all)
        return all.error();
    auto results = store.results(run.id);
    if (!results)
        return results.error();
    std::unordered_map<int64_t, store::ResultRecord*> byUtterance;
    for (auto& r : *results)
        byUtterance[r.utteranceId] = &r;
    StoredResults out;
    auto covered = runUtterances(std::move(*all), settings);
    out.covered = int64_t(covered.size());
    for (auto& u : covered)
        if (const auto it = byUtterance.find(u.id); it != byUtterance.end())
            out.done.push_back({std::move(u), std::move(*it->second)});
    return out;
}

Expected<RunSummary> summarizeRun(store::ProjectStore& store, int64_t runId, const std::string& normalizerName)
{
    RunSummary s;
    auto run = store.run(runId);
    if (!run)
        return run.error();
    s.run = *run;
    const json card = json::parse(run->cardJson, nullptr, false);
    if (card.is_object() && card.contains("settings")) {
        if (auto settings = runSettingsFromJson(card["settings"].dump()))
            s.settings = *settings;
        s.variant = card.value("variant", json::object()).value("name", "");
    }
    auto normalizer = text::makeNormalizer(normalizerName);
    if (!normalizer)
        return normalizer.error();
    auto stored = storedResults(store, *run, s.settings);
    if (!stored)
        return stored.error();
    std::vector<scoring::TranscriptLine> refs, hyps;
    std::vector<double> times;
    s.utterances = stored->covered;
    for (const auto& [u, r] : stored->done) {
        ++s.withResult;
        if (!r.error.empty()) {
            ++s.failed;
            continue;
        }
        refs.push_back({u.uttId, u.reference, 0});
        hyps.push_back({u.uttId, r.hypothesis, 0});
        const json t = json::parse(r.timingsJson, nullptr, false);
        if (t.is_object()) {
            const double ms = t.value("per_utterance_ms", t.value("total_ms", 0.0));
            times.push_back(ms);
            s.audioSeconds += t.value("audio_s", 0.0);
        }
        s.peakMemoryBytes = std::max(s.peakMemoryBytes, r.peakMemoryBytes.value_or(0));
    }
    scoring::ScoreOptions options;
    options.normalizer = *normalizer;
    options.keepAlignments = false;
    options.keepTexts = false;
    options.threads = 1;
    s.normalizer = (*normalizer)->id();
    if (!refs.empty()) {
        const auto wordScore = scoring::scoreCorpus(refs, hyps, options);
        s.words = wordScore.total.counts;
        s.wer = scoring::bootstrapErrorRate(scoring::utteranceCounts(wordScore));
        options.unit = scoring::Unit::Character;
        const auto charScore = scoring::scoreCorpus(refs, hyps, options);
        s.characters = charScore.total.counts;
        s.cer = scoring::bootstrapErrorRate(scoring::utteranceCounts(charScore));
    }
    for (double ms : times)
        s.computeMs += ms;
    if (!times.empty()) {
        s.meanMs = s.computeMs / double(times.size());
        s.medianMs = percentile(times, 0.5);
        s.p90Ms = percentile(times, 0.9);
    }
    s.realTimeFactor = s.audioSeconds > 0 ? s.computeMs / 1000.0 / s.audioSeconds : 0.0;
    return s;
}

} // namespace vox::run
