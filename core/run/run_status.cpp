#include "core/run/run_status.h"

namespace vox::run {

namespace {
constexpr std::pair<RunStatus, const char*> kNames[] = {
    {RunStatus::Queued, "queued"}, {RunStatus::Running, "running"},     {RunStatus::Paused, "paused"},
    {RunStatus::Cancelled, "cancelled"}, {RunStatus::Failed, "failed"}, {RunStatus::Finished, "finished"},
};
} // namespace

const char* runStatusName(RunStatus status)
{
    for (const auto& [s, name] : kNames)
        if (s == status)
            return name;
    return "unknown";
}

std::optional<RunStatus> parseRunStatus(std::string_view name)
{
    for (const auto& [s, n] : kNames)
        if (name == n)
            return s;
    return std::nullopt;
}

} // namespace vox::run
