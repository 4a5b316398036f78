#pragma once
#include <optional>
#include <string>
#include <string_view>

// Where a run stands. The store keeps the name (runs.status); everything above the store
// compares the enum, never the text.
namespace vox::run {

enum class RunStatus { Queued, Running, Paused, Cancelled, Failed, Finished };

// "queued", "running", "paused", "cancelled", "failed", "finished": as stored.
const char* runStatusName(RunStatus status);
// An unknown name (a project written by a newer VoxBench) is nullopt.
std::optional<RunStatus> parseRunStatus(std::string_view name);

// A run in one of these states will not move by itself: it can be resumed (all but finished).
constexpr bool isStopped(RunStatus s)
{
    return s == RunStatus::Paused || s == RunStatus::Cancelled || s == RunStatus::Failed || s == RunStatus::Finished;
}

} // namespace vox::run
