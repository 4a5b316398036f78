#pragma once
// Internal to core/run: what the Whisper and the KWS executors share. One Execution is one start
// of a run: the run's card read into settings, its variant and dataset, the utterances still
// pending, the status in the store, stops between batches, writing a batch and telling the
// caller. Each executor only loads its model and turns a batch of utterances into results.
#include "core/audio/audio_decoder.h"
#include "core/run/run_card.h"
#include "core/run/run_executor.h"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace vox {
struct TorchRuntime;
}
namespace vox::store {
class RunLeaseHolder;
}

namespace vox::run::detail {

// What a batch measured, added to the run's progress with its results.
struct BatchWork {
    double computeSeconds = 0; // the model's time for the batch
    double audioSeconds = 0;   // audio the batch covered
};

class Execution {
public:
    // `lease`: the run's, held for this execution (null in tests that need none); the run stops
    // between batches, writing nothing more, when it is lost.
    Execution(store::ProjectStore& store, store::RunRecord run, RunControl& control, const RunEvents& events,
              const store::RunLeaseHolder* lease = nullptr);

    // The card's settings, the run's variant and dataset. An outcome when the run cannot start.
    std::optional<RunOutcome> prepare();

    // The utterances to do in this session (pending, in id order), with the progress counted;
    // an outcome instead when there is nothing to do, or it was cancelled or paused before it
    // started. Otherwise the run is marked running.
    Expected<std::vector<store::UtteranceRecord>> begin(std::optional<RunOutcome>& stopped);

    // The environment of this session (the torch side's facts, this machine's), recorded as a new
    // session in the run's card.
    // `workers` and `pools`: how the run's threads are spent (workersFor, setIntraOpThreads);
    // `quantized`: the engines an int8 package's modules were loaded with.
    Expected<Done> recordSession(const TorchRuntime& runtime, const std::string& device, const std::string& dtype,
                                 int workers = 1, const std::string& pools = {}, const std::string& quantized = {});

    using BatchFunction = std::function<bool(const std::vector<const store::UtteranceRecord*>& batch)>;
    // Runs `batch` over `items` in batches of `size`, stopping between batches when paused or
    // cancelled; `batch` returns false when the run must stop (after failWith(), or cancelled
    // inside the batch). The run's final outcome.
    RunOutcome runBatches(const std::vector<store::UtteranceRecord>& items, size_t size, const BatchFunction& batch);
    // The same with one thread per worker function: each takes the next batch not yet taken, so
    // several batches are decoded at once. Results are written as each batch ends (in whatever
    // order the batches end); a stop (pause, cancel, failure, lost lease) lets every worker end
    // its current batch and take no more. The caller's thread is the first worker.
    RunOutcome runBatches(const std::vector<store::UtteranceRecord>& items, size_t size,
                          const std::vector<BatchFunction>& workers);

    // Writes a batch of results (one transaction) and tells the caller; false when it cannot be
    // written (the run then fails with the reason). Thread-safe: workers commit one at a time.
    bool commit(const std::vector<store::ResultRecord>& results, BatchWork work = {});
    // The run stops as failed with `message` once the current batch returns false (the first
    // message stands).
    void failWith(std::string message);

    RunOutcome stop(RunStatus status, std::string message);
    void stage(const std::string& name) const;

    // The utterance's audio (its time span) at `sampleRate`.
    static Expected<audio::DecodedAudio> decode(const store::UtteranceRecord& utterance, int sampleRate);
    // A batch's audio: the utterances that decode, with their samples and seconds; each one
    // that does not gets an error result in `failures`.
    struct DecodedBatch {
        std::vector<const store::UtteranceRecord*> items;
        std::vector<std::vector<float>> audio;
        std::vector<double> seconds;
    };
    DecodedBatch decodeBatch(const std::vector<const store::UtteranceRecord*>& batch, int sampleRate,
                             std::vector<store::ResultRecord>& failures) const;
    // A result for `utterance` that holds only an error.
    store::ResultRecord failed(const store::UtteranceRecord& utterance, std::string error) const;

    const RunSettings& settings() const { return m_settings; }
    const store::VariantRecord& variant() const { return m_variant; }
    const store::DatasetRecord& dataset() const { return m_dataset; }
    const std::string& family() const { return m_family; }
    RunControl& control() { return m_control; }
    int64_t runId() const { return m_run.id; }

private:
    Expected<std::vector<store::UtteranceRecord>> pending();
    std::string cancelledMessage() const;

    store::ProjectStore& m_store;
    store::RunRecord m_run;
    RunControl& m_control;
    const RunEvents& m_events;
    const store::RunLeaseHolder* m_lease;
    RunSettings m_settings;
    store::VariantRecord m_variant;
    store::DatasetRecord m_dataset;
    std::string m_family;
    RunProgress m_progress;
    std::optional<std::string> m_failure;
    std::mutex m_mutex; // the store, the progress and the failure, while workers run
};

// The executors, dispatched on the variant's family by executeRun.
RunOutcome executeWhisperRun(Execution& execution);
RunOutcome executeKwsRun(Execution& execution);

} // namespace vox::run::detail
