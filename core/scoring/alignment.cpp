#include "core/scoring/alignment.h"

#include <algorithm>

namespace vox::scoring {

namespace {
enum Back : uint8_t { Diagonal = 0, Up = 1 /* deletion */, Left = 2 /* insertion */ };

struct Weights {
    uint32_t substitution, deletion, insertion;
};

Weights weightsOf(CostModel model)
{
    return model == CostModel::Sclite ? Weights{4, 3, 3} : Weights{1, 1, 1};
}
} // namespace

EditCounts& EditCounts::operator+=(const EditCounts& other)
{
    correct += other.correct;
    substitutions += other.substitutions;
    deletions += other.deletions;
    insertions += other.insertions;
    return *this;
}

template <typename Visit>
void Aligner::trace(std::span<const Token> ref, std::span<const Token> hyp, Visit&& visit)
{
    const size_t n = ref.size();
    const size_t m = hyp.size();
    const Weights w = weightsOf(m_model);
    const size_t width = m + 1;

    m_cost.assign(2 * width, 0);
    m_back.resize((n + 1) * width);
    uint32_t* prev = m_cost.data();
    uint32_t* cur = m_cost.data() + width;

    for (size_t j = 1; j <= m; ++j) {
        prev[j] = prev[j - 1] + w.insertion;
        m_back[j] = Left;
    }
    for (size_t i = 1; i <= n; ++i) {
        uint8_t* back = m_back.data() + i * width;
        cur[0] = prev[0] + w.deletion;
        back[0] = Up;
        const Token r = ref[i - 1];
        for (size_t j = 1; j <= m; ++j) {
            const uint32_t diagonal = prev[j - 1] + (r == hyp[j - 1] ? 0 : w.substitution);
            const uint32_t deletion = prev[j] + w.deletion;
            const uint32_t insertion = cur[j - 1] + w.insertion;
            if (diagonal <= deletion && diagonal <= insertion) {
                cur[j] = diagonal;
                back[j] = Diagonal;
            } else if (deletion < insertion) {
                cur[j] = deletion;
                back[j] = Up;
            } else {
                cur[j] = insertion;
                back[j] = Left;
            }
        }
        std::swap(prev, cur);
    }

    size_t i = n;
    size_t j = m;
    while (i > 0 || j > 0) {
        const uint8_t b = m_back[i * width + j];
        if (b == Diagonal) {
            --i;
            --j;
            visit(ref[i] == hyp[j] ? EditOp::Correct : EditOp::Substitution, int32_t(i), int32_t(j));
        } else if (b == Up) {
            --i;
            visit(EditOp::Deletion, int32_t(i), -1);
        } else {
            --j;
            visit(EditOp::Insertion, -1, int32_t(j));
        }
    }
}

namespace {
void tally(EditCounts& counts, EditOp op)
{
    switch (op) {
    case EditOp::Correct: ++counts.correct; break;
    case EditOp::Substitution: ++counts.substitutions; break;
    case EditOp::Deletion: ++counts.deletions; break;
    case EditOp::Insertion: ++counts.insertions; break;
    }
}
} // namespace

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
