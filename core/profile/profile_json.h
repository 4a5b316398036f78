#pragma once
#include "core/profile/operator_profile.h"
#include "core/util/expected.h"

#include <string>
#include <string_view>

// Operator profiles as JSON: the form stored in the project (operator_profiles.profile_json,
// events kept in a compact table), and the Chrome trace format that Perfetto and
// chrome://tracing open (complete "X" events in microseconds).
namespace vox::profile {

std::string toJson(const OperatorProfile& profile);
Expected<OperatorProfile> profileFromJson(std::string_view json);

// One trace: CPU events on process 1 (one track per thread), device kernels on process 2.
// Each event's args hold its input shapes, FLOPs and stage kind.
std::string chromeTrace(const OperatorProfile& profile);

} // namespace vox::profile
