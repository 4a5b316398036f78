#pragma once
// What a variant gets wrong that its baseline does not: each of the compared system's most
// frequent substitutions, insertions and deletions with the baseline's count of the same pair
// ("cheese -> chicken" 7 times in int8, 0 in fp32: new). Pairs are matched by their text, so the
// two scores must use the same normalizer for the counts to mean the same thing.
#include "core/scoring/alignment.h"
#include "core/scoring/corpus_scorer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vox::scoring {

struct ConfusionChange {
    EditOp kind = EditOp::Substitution; // Substitution, Insertion or Deletion
    std::string ref;                    // empty for an insertion
    std::string hyp;                    // empty for a deletion
    int64_t count = 0;                  // in the compared system
    int64_t baseline = 0;               // the same pair in the baseline
    bool isNew() const { return baseline == 0; }
};

// The compared system's `n` most frequent errors of each kind (substitutions first, then
// insertions, then deletions; within a kind as topSubstitutions orders them), each with the
// baseline's count.
std::vector<ConfusionChange> confusionChanges(const CorpusScore& baseline, const CorpusScore& compared, size_t n);

} // namespace vox::scoring
