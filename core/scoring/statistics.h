#pragma once
#include "core/scoring/corpus_scorer.h"
#include "core/scoring/segment_test.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Uncertainty of corpus error rates, and whether one system really beats another.
//
// Bootstrap: utterances are resampled with replacement (the utterance, not the word, is the
// independent unit); the corpus rate of each resample is sum(errors)/sum(N); the interval is the
// percentile interval. Seeded with a fixed generator (SplitMix64), so the
// same inputs and seed give the same interval on every machine.
namespace vox::scoring {

struct Interval {
    double estimate = 0;
    double low = 0;
    double high = 0;
    double level = 0.95;
    int resamples = 0;
    uint64_t seed = 0;
};

// Corpus error rate with a bootstrap interval; nullopt when the references are all empty.
std::optional<Interval> bootstrapErrorRate(const std::vector<EditCounts>& utterances, int resamples = 1000,
                                           uint64_t seed = 1, double level = 0.95);
std::vector<EditCounts> utteranceCounts(const CorpusScore& score);

struct PairedComparison {
    int64_t utterances = 0;     // scored by both systems (matched by id)
    double rateA = 0;           // corpus error rate of A on those utterances
    double rateB = 0;
    Interval delta;             // B - A, with a paired bootstrap interval
    double bootstrapP = 1;      // two-sided: how often the resampled difference crosses zero
    double matchedPairsZ = 0;   // matched-pairs test on per-utterance error counts (utterances as segments)
    double matchedPairsP = 1;   // two-sided, normal approximation
    // sc_stats' matched-pairs sentence-segment test (segment_test.h), where both scores kept
    // their alignments; none otherwise.
    std::optional<SegmentTest> segments;
    std::vector<std::string> correctToWrong; // no errors under A, errors under B
    std::vector<std::string> wrongToCorrect; // errors under A, none under B
};

// B against A in words, at `level`: "worse" or "better" where B's error rate differs and the
// matched-pairs test says so (sc_stats' segment test where alignments were kept, else the
// utterance-level one: p < 1 - level), else "no significant difference". Where every segment
// differs by the same amount sc_stats' Z is 0 (sd 0); the verdict takes that as p = 0, the
// most consistent difference there is, and the sentence says so. The sentence names the test and
// its p, and says so where the paired bootstrap interval disagrees.
enum class Verdict { Better, Worse, NoSignificantDifference };
Verdict verdictOf(const PairedComparison& c, double level = 0.95);
std::string describeVerdict(const PairedComparison& c, double level = 0.95);

// Compares B against A on the utterances both scored. Both must use the same unit.
Expected<PairedComparison> compareSystems(const CorpusScore& a, const CorpusScore& b, int resamples = 1000,
                                          uint64_t seed = 1, double level = 0.95);

} // namespace vox::scoring
