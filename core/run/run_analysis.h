#pragma once
// What the compared runs break, how sure we can be, and where: every run after the first (the
// baseline) against the baseline with paired statistics and a verdict in words, the utterances
// it broke and fixed, its confusions and which are new, WER broken down by speaker, by each
// manifest field and by duration, and hypotheses that look hallucinated. Computed from a
// RunComparison (so from the same normalized texts the Results page shows), off the UI thread.
#include "core/run/run_comparison.h"
#include "core/scoring/confusion_changes.h"
#include "core/scoring/corpus_scorer.h"
#include "core/scoring/statistics.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vox::run {

struct AnalysisOptions {
    // The paired bootstrap and the breakdowns' intervals.
    int resamples = 1000;
    uint64_t seed = 1;
    double level = 0.95;
    // sc_stats' segment test: segments are bounded by this many words both runs got right.
    int boundaryWords = 2;
    size_t confusions = 10; // the most frequent of each kind, per run
    // A manifest field with more distinct values than this is not broken down (free text), nor
    // one with more than one value for every two utterances (ids); speakers are, unless every
    // utterance has a speaker of its own.
    size_t maxFieldValues = 50;
    // "Much longer than the reference": at least `longerRatio` times its words and `longerByWords` more.
    double longerRatio = 1.5;
    int longerByWords = 4;
    // A repeated n-gram: n from 1 to `repeatMaxN`, at least `repeatTimes` times in a row, more
    // times than the reference repeats it.
    int repeatTimes = 3;
    int repeatMaxN = 4;
};

// The tests and their settings in one sentence, for the run notes and exports.
std::string describeAnalysisSettings(const AnalysisOptions& options);

// One compared run against the baseline, on the utterances both scored without failing.
struct BaselineComparison {
    size_t run = 0; // index into RunComparison::runs (1 and up)
    scoring::PairedComparison words;
    std::optional<scoring::PairedComparison> characters; // none where no character was scored
    scoring::Verdict verdict = scoring::Verdict::NoSignificantDifference;
    std::string sentence; // describeVerdict of the words
    std::vector<size_t> broken; // rows (RunComparison::rows) right in the baseline, wrong here
    std::vector<size_t> fixed;  // wrong in the baseline, right here
};

struct BreakdownRow {
    std::string value;  // "flite:rms", "noise", "2-3 s"; "(none)" where the field is missing
    double order = 0;   // where duration buckets sort (their lower edge); 0 for the others
    std::vector<size_t> rows; // into RunComparison::rows
    double audioSeconds = 0;
    // Per run: WER over the group's utterances it scored, with a bootstrap interval.
    std::vector<std::optional<scoring::Interval>> wer;
};

struct Breakdown {
    std::string field; // "speaker", "duration", or the manifest's key
    std::vector<BreakdownRow> rows;
};

enum class HallucinationKind { MuchLonger, RepeatedNgram, TextOnNoSpeech };
const char* hallucinationName(HallucinationKind kind); // "much longer", "repeated n-gram", "text on no speech"

struct HallucinationSignal {
    size_t row = 0;
    size_t run = 0;
    HallucinationKind kind = HallucinationKind::MuchLonger;
    std::string detail; // "14 words for 5", "\"thank you\" x4", "no-speech probability 0.83"
};

struct RunAnalysis {
    AnalysisOptions options;
    std::vector<BaselineComparison> against; // runs 1.. against run 0
    // Per run: its most frequent errors, each with the baseline's count (the baseline's own
    // against itself, so none is new).
    std::vector<std::vector<scoring::ConfusionChange>> confusions;
    std::vector<Breakdown> breakdowns; // speaker (where known), manifest fields, duration
    std::vector<HallucinationSignal> hallucinations; // by row, then run
    // Per run, its word score (alignments kept): what the sclite-style exports write.
    std::vector<std::shared_ptr<const scoring::CorpusScore>> wordScores;
};

RunAnalysis analyzeRuns(const RunComparison& comparison, const AnalysisOptions& options = {});

// The rows in which `run`'s diff holds this error (a substitution ref -> hyp, an inserted hyp, a deleted ref).
std::vector<size_t> rowsWithConfusion(const RunComparison& comparison, size_t run, const scoring::ConfusionChange& pair);

// Kept separate for their tests.
std::vector<Breakdown> breakdownsOf(const RunComparison& comparison, const AnalysisOptions& options);
std::vector<HallucinationSignal> hallucinationsOf(const RunComparison& comparison, const AnalysisOptions& options);

} // namespace vox::run
