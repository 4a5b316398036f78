#include "core/profile/profile_comparison.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace vox::profile {

const char* presenceName(Presence p)
{
    switch (p) {
    case Presence::OnlyA: return "removed";
    case Presence::OnlyB: return "added";
    case Presence::Both: break;
    }
    return "both";
}

ProfileComparison compareProfiles(const OperatorProfile& a, const OperatorProfile& b)
{
    const double ua = double(std::max<int64_t>(1, a.info.utterances));
    const double ub = double(std::max<int64_t>(1, b.info.utterances));
    std::map<std::string, OperatorChange> rows;
    for (const auto& r : a.byName) {
        auto& c = rows[r.name];
        c.name = r.name;
        c.pseudo = r.pseudo;
        c.presence = Presence::OnlyA;
        c.callsA = double(r.calls) / ua;
        c.selfMsA = r.selfUs / 1000.0 / ua;
        c.shareA = a.share(r);
    }
    for (const auto& r : b.byName) {
        auto [it, added] = rows.try_emplace(r.name);
        auto& c = it->second;
        c.name = r.name;
        c.pseudo = r.pseudo;
        c.presence = added ? Presence::OnlyB : Presence::Both;
        c.callsB = double(r.calls) / ub;
        c.selfMsB = r.selfUs / 1000.0 / ub;
        c.shareB = b.share(r);
    }
    ProfileComparison out;
    out.totalMsA = a.wallUs / 1000.0 / ua;
    out.totalMsB = b.wallUs / 1000.0 / ub;
    for (auto& [name, c] : rows)
        out.rows.push_back(std::move(c));
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const OperatorChange& x, const OperatorChange& y) {
        return std::abs(x.deltaMs()) > std::abs(y.deltaMs());
    });
    return out;
}

} // namespace vox::profile
