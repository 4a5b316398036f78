#include "core/scoring/alignment.h"
#include "core/scoring/alignment_trace.h"

#include <algorithm>

namespace vox::scoring {

EditCounts& EditCounts::operator+=(const EditCounts& other)
{
    correct += other.correct;
    substitutions += other.substitutions;
    deletions += other.deletions;
    insertions += other.insertions;
    return *this;
}

void tally(EditCounts& counts, EditOp op)
{
    switch (op) {
    case EditOp::Correct: ++counts.correct; break;
    case EditOp::Substitution: ++counts.substitutions; break;
    case EditOp::Deletion: ++counts.deletions; break;
    case EditOp::Insertion: ++counts.insertions; break;
    }
}

Alignment Aligner::align(std::span<const Token> ref, std::span<const Token> hyp)
{
    Alignment result;
    result.steps.reserve(std::max(ref.size(), hyp.size()) + 4);
    trace(ref, hyp, [&](EditOp op, int32_t r, int32_t h) {
        result.steps.push_back({op, r, h});
        tally(result.counts, op);
    });
    std::reverse(result.steps.begin(), result.steps.end());
    return result;
}

EditCounts Aligner::count(std::span<const Token> ref, std::span<const Token> hyp)
{
    EditCounts counts;
    trace(ref, hyp, [&](EditOp op, int32_t, int32_t) { tally(counts, op); });
    return counts;
}

} // namespace vox::scoring
