#pragma once
#include "core/profile/operator_profile.h"
#include "core/profile/profile_comparison.h"

#include <string>

// Operator profiles as plain-text tables (voxbench-cli profile, the report's README): the
// header says what the profile was measured with and what the profiler cost.
namespace vox::profile {

// The settings and totals lines, then the top `top` rows (0: all) by self time.
std::string formatProfile(const OperatorProfile& profile, int top, bool byShapes);

// "B against A": operators added and removed, calls and self time per utterance.
std::string formatComparison(const OperatorProfile& a, const OperatorProfile& b, int top);

// One line: "threads 1, batch 1, beam 1, max tokens package's, warm-up 2, optimize off".
std::string settingsLine(const CaptureInfo& info);

} // namespace vox::profile
