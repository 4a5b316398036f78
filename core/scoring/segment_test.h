#pragma once
// NIST sc_stats' matched-pairs sentence-segment word error test (MAPSSWE, Gillick and Cox 1989),
// with sc_stats' segmentation, so that its figures can be checked against sc_stats' own.
//
// Each utterance both systems scored is cut into segments: a run of at least `boundaryWords`
// consecutive reference words that both systems got right, with no insertion by either inside
// it, separates what comes before it from what comes after; a segment is a stretch between such
// runs (or the utterance's ends) holding at least one error of either system. Errors are
// substitutions, deletions (one per reference word) and insertions. For each segment
// d = errors of B - errors of A; Z = mean(d) / (sd(d) / sqrt(n)), two-sided p from the normal
// distribution. Where every d is the same (sd 0) sc_stats reports Z 0, and so does this.
#include "core/scoring/corpus_scorer.h"
#include "core/util/expected.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace vox::scoring {

struct SegmentTest {
    int64_t segments = 0;
    int64_t utterances = 0; // scored by both
    double mean = 0;        // of B - A per segment
    double sd = 0;          // sample standard deviation
    double z = 0;
    double p = 1;
    int boundaryWords = 2;
};

// The two-sided p of a standard normal statistic (the matched-pairs tests' normal approximation).
double normalTwoSidedP(double z);

// The utterances of `score` that have a hypothesis, by id (what a paired comparison pairs).
std::unordered_map<std::string_view, const UtteranceScore*> scoredById(const CorpusScore& score);

// Both scores must keep their alignments (ScoreOptions::keepAlignments) and hold the same
// references (the same normalizer): the error says which utterance differs.
Expected<SegmentTest> segmentTest(const CorpusScore& a, const CorpusScore& b, int boundaryWords = 2);

} // namespace vox::scoring
