#pragma once
#include "core/run/run_settings.h"
#include "core/run/run_status.h"
#include "core/store/project_store.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

// Executing a run: a variant over (the first N utterances of) a dataset, with the settings in
// the run's card. Used by voxbench-cli `run` and by the GUI's workers; Qt-free.
//
// Results are written to the project in one transaction per batch, so everything computed
// survives a crash; a run that was paused, cancelled or killed continues, when executed again,
// with the utterances that have no result yet. An audio file that cannot be decoded, or an
// utterance the model fails on, gets a result with its error and the run goes on.
namespace vox::run {

struct RunProgress {
    int64_t total = 0;         // utterances in the run
    int64_t done = 0;          // with a result (earlier sessions included)
    int64_t failed = 0;        // of those, with an error
    int64_t doneThisSession = 0;
    double audioSeconds = 0;   // audio decoded in this session
    double computeSeconds = 0; // timed engine calls in this session (the median of repeats)
    double elapsedSeconds = 0; // wall time since this session's first timed batch
};

// Set from any thread; read between batches (and, for cancel, between decoder steps).
struct RunControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
};

struct RunEvents {
    // "loading", "warming up", "running": what the worker is doing now.
    std::function<void(const std::string& stage)> onStage;
    // After each batch is committed to the store; called on the executing thread.
    std::function<void(const std::vector<store::ResultRecord>& batch, const RunProgress& progress)> onResults;
};

struct RunOutcome {
    RunStatus status = RunStatus::Failed; // finished, paused, cancelled or failed
    std::string message;
    RunProgress progress;
    // Another process executes the run (it holds the run's lease, core/store/run_lease.h, or
    // took it over as stale meanwhile): nothing was written, the status in the store is that
    // process's; `message` says who it is.
    bool elsewhere = false;
};

// A new run (status queued) whose card holds `settings`, the variant and the dataset.
Expected<int64_t> createRun(store::ProjectStore& store, int64_t variantId, int64_t datasetId,
                            const RunSettings& settings);

// Executes run `runId` of the project at `project` on the calling thread, with its own store
// connection and its own engine. The run's status in the store follows (running, then the
// outcome's status, with the message). The run's lease is taken first and given back at the
// end: while another process executes the run, this call writes nothing and returns at once
// (outcome.elsewhere).
RunOutcome executeRun(const std::filesystem::path& project, int64_t runId, RunControl& control,
                      const RunEvents& events = {});

// The utterances a run covers, in id order: the dataset's, or its first `limit`; of those, for
// shard K of N, the K-th, (K+N)-th, ... (a split that depends only on the dataset and the
// limit, so it is the same in every process, on every node and after a resume).
std::vector<store::UtteranceRecord> runUtterances(std::vector<store::UtteranceRecord> all, int64_t limit,
                                                  int shardIndex = 0, int shardCount = 1);
inline std::vector<store::UtteranceRecord> runUtterances(std::vector<store::UtteranceRecord> all, const RunSettings& s)
{
    return runUtterances(std::move(all), s.limit, s.shardIndex, s.shardCount);
}

} // namespace vox::run
