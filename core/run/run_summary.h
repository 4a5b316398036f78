#pragma once
#include "core/run/run_settings.h"
#include "core/scoring/statistics.h"
#include "core/store/project_store.h"

#include <optional>
#include <string>
#include <vector>

// A run's figures, computed from what the store holds (so a run still going, or cut short,
// is summarised as far as it got): WER and CER with bootstrap intervals under one normalizer,
// and time, real-time factor and memory. Used by `voxbench-cli run` and the GUI alike.
namespace vox::run {

struct RunSummary {
    store::RunRecord run;
    std::string variant;
    RunSettings settings;
    std::string normalizer;    // "whisper-en@1"
    int64_t utterances = 0;    // covered by the run
    int64_t withResult = 0;    // have a result
    int64_t failed = 0;        // of those, with an error (not scored)
    scoring::EditCounts words, characters;
    std::optional<scoring::Interval> wer, cer; // over the results without an error
    double audioSeconds = 0;
    double computeMs = 0;          // sum of per-utterance times (a batch's time shared out)
    double meanMs = 0, medianMs = 0, p90Ms = 0; // per utterance
    double realTimeFactor = 0;     // compute time / audio time
    int64_t peakMemoryBytes = 0;   // the largest of the utterances'
};

// `normalizer`: a name from text::normalizerNames() ("none", "basic", "whisper-en").
Expected<RunSummary> summarizeRun(store::ProjectStore& store, int64_t runId, const std::string& normalizer);

// What a run has stored so far: the utterances it covers (the dataset's first `limit`, by id, of its shard)
// and, of those, the ones with a result, each with its result, in id order.
struct StoredResult {
    store::UtteranceRecord utterance;
    store::ResultRecord result;
};
struct StoredResults {
    int64_t covered = 0;
    std::vector<StoredResult> done;
};
Expected<StoredResults> storedResults(store::ProjectStore& store, const store::RunRecord& run, const RunSettings& settings);

} // namespace vox::run
