#pragma once
#include "core/run/run_summary.h"
#include "core/scoring/alignment.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

// Several runs side by side, utterance by utterance: what the Results and Diff pages show and
// what report exports write. Texts are compared after one normalizer, the same for every run.
namespace vox::run {

struct DiffToken {
    scoring::EditOp op = scoring::EditOp::Correct;
    std::string ref; // empty for an insertion
    std::string hyp; // empty for a deletion
};

struct ComparisonCell {
    bool present = false; // the run has a result for this utterance
    std::string hypothesis; // as the model wrote it
    std::string error;      // the utterance failed in this run
    std::string normalizedHypothesis; // under the comparison's normalizer (empty for a failed one)
    scoring::EditCounts counts; // words, after normalization
    double ms = 0;          // per-utterance time
    std::vector<DiffToken> diff; // normalized reference against normalized hypothesis
    // Whisper's no-speech probability (the largest over the utterance's windows), where stored.
    std::optional<double> noSpeechProbability;
    // Above the run's no-speech threshold (OpenAI's default 0.6 where the run set none), or its
    // text was dropped for it.
    bool noSpeech = false;
};

// The threshold "no speech detected" is judged by where a run sets none (OpenAI's default).
inline constexpr double kDefaultNoSpeechThreshold = 0.6;

struct ComparisonRow {
    int64_t utteranceId = 0;
    std::string uttId;
    std::string reference;           // as stored
    std::string normalizedReference;
    std::string speaker;             // as the manifest gave it; empty where unknown
    // The manifest's other fields (condition, accent, ...) as text, sorted by key.
    std::vector<std::pair<std::string, std::string>> fields;
    double audioSeconds = 0;
    std::vector<ComparisonCell> cells; // one per run, in the order asked for
};

struct RunComparison {
    std::string normalizer;        // its id, "whisper-en@1"
    std::vector<RunSummary> runs;  // in the order asked for
    std::vector<ComparisonRow> rows; // every utterance some run covers, in id order
    // One line per run that is not comparable with the first (the baseline): what differs.
    std::vector<std::string> notComparable;
};

// The runs must be over one dataset; the error says which is not.
Expected<RunComparison> compareRuns(store::ProjectStore& store, const std::vector<int64_t>& runIds,
                                    const std::string& normalizer);

// Word diff of two normalized texts: `ref` as the reference side (a baseline variant's
// hypothesis, or the reference itself).
std::vector<DiffToken> wordDiff(const std::string& ref, const std::string& hyp);

// An utterance's manifest fields (its stored extra JSON) that read as one value each: strings as
// they are, numbers and booleans as JSON writes them; nested values are left out.
std::vector<std::pair<std::string, std::string>> manifestFields(const std::string& extraJson);

// Word error rate of a cell: errors / reference words; no value for an empty reference.
std::optional<double> cellWer(const ComparisonCell& cell);

} // namespace vox::run
