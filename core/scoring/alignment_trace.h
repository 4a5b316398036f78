#pragma once
// The dynamic programme behind Aligner, as a template so callers can visit the path without
// materialising it (corpus scoring tallies confusions this way). Rules in alignment.h.
#include "core/scoring/alignment.h"

#include <utility>

namespace vox::scoring {

namespace detail {
enum Back : uint8_t { Diagonal = 0, Up = 1 /* deletion */, Left = 2 /* insertion */ };

struct Weights {
    uint32_t substitution, deletion, insertion;
};

inline Weights weightsOf(CostModel model)
{
    return model == CostModel::Sclite ? Weights{4, 3, 3} : Weights{1, 1, 1};
}
} // namespace detail

void tally(EditCounts& counts, EditOp op);

template <typename Visit>
void Aligner::trace(std::span<const Token> ref, std::span<const Token> hyp, Visit&& visit)
{
    const size_t n = ref.size();
    const size_t m = hyp.size();
    const detail::Weights w = detail::weightsOf(m_model);
    const size_t width = m + 1;

    m_cost.assign(2 * width, 0);
    m_back.resize((n + 1) * width);
    uint32_t* prev = m_cost.data();
    uint32_t* cur = m_cost.data() + width;

    for (size_t j = 1; j <= m; ++j) {
        prev[j] = prev[j - 1] + w.insertion;
        m_back[j] = detail::Left;
    }
    for (size_t i = 1; i <= n; ++i) {
        uint8_t* back = m_back.data() + i * width;
        cur[0] = prev[0] + w.deletion;
        back[0] = detail::Up;
        const Token r = ref[i - 1];
        for (size_t j = 1; j <= m; ++j) {
            const uint32_t diagonal = prev[j - 1] + (r == hyp[j - 1] ? 0 : w.substitution);
            const uint32_t deletion = prev[j] + w.deletion;
            const uint32_t insertion = cur[j - 1] + w.insertion;
            if (diagonal <= deletion && diagonal <= insertion) {
                cur[j] = diagonal;
                back[j] = detail::Diagonal;
            } else if (deletion < insertion) {
                cur[j] = deletion;
                back[j] = detail::Up;
            } else {
                cur[j] = insertion;
                back[j] = detail::Left;
            }
        }
        std::swap(prev, cur);
    }

    size_t i = n;
    size_t j = m;
    while (i > 0 || j > 0) {
        const uint8_t b = m_back[i * width + j];
        if (b == detail::Diagonal) {
            --i;
            --j;
            visit(ref[i] == hyp[j] ? EditOp::Correct : EditOp::Substitution, int32_t(i), int32_t(j));
        } else if (b == detail::Up) {
            --i;
            visit(EditOp::Deletion, int32_t(i), -1);
        } else {
            --j;
            visit(EditOp::Insertion, -1, int32_t(j));
        }
    }
}

} // namespace vox::scoring
