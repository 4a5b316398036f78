#include "core/scoring/confusion_changes.h"

#include <limits>
#include <map>
#include <utility>

namespace vox::scoring {

std::vector<ConfusionChange> confusionChanges(const CorpusScore& baseline, const CorpusScore& compared, size_t n)
{
    using Top = std::vector<CountedPair> (*)(const CorpusScore&, size_t);
    const std::pair<EditOp, Top> kinds[] = {{EditOp::Substitution, &topSubstitutions},
                                            {EditOp::Insertion, &topInsertions},
                                            {EditOp::Deletion, &topDeletions}};
    std::vector<ConfusionChange> out;
    for (const auto& [kind, top] : kinds) {
        std::map<std::pair<std::string, std::string>, int64_t> before;
        for (const auto& p : top(baseline, std::numeric_limits<size_t>::max()))
            before[{p.ref, p.hyp}] = p.count;
        for (const auto& p : top(compared, n)) {
            const auto it = before.find({p.ref, p.hyp});
            out.push_back({kind, p.ref, p.hyp, p.count, it == before.end() ? 0 : it->second});
        }
    }
    return out;
}

} // namespace vox::scoring
