#pragma once
#include "core/profile/operator_profile.h"

#include <string>
#include <vector>

// Two profiles side by side, operator by operator: which operators one variant calls and the
// other does not (int8: quantized::linear_dynamic in, aten::addmm out), and how calls and self
// time per utterance changed. Times are per utterance so that profiles of different lengths
// compare; shares are of each profile's own measured total.
namespace vox::profile {

enum class Presence { Both, OnlyA, OnlyB };

struct OperatorChange {
    std::string name;
    bool pseudo = false;
    Presence presence = Presence::Both;
    double callsA = 0, callsB = 0;  // per utterance
    double selfMsA = 0, selfMsB = 0; // per utterance
    double shareA = 0, shareB = 0;
    double deltaMs() const { return selfMsB - selfMsA; }
};

struct ProfileComparison {
    std::vector<OperatorChange> rows; // by |change in self time|, largest first
    double totalMsA = 0, totalMsB = 0; // measured total per utterance
};

ProfileComparison compareProfiles(const OperatorProfile& a, const OperatorProfile& b);

const char* presenceName(Presence p); // "both", "removed" (only in A), "added" (only in B)

} // namespace vox::profile
