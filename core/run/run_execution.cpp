#include "core/run/run_execution.h"

#include "core/log/log.h"
#include "core/store/package_records.h"
#include "core/store/package_trust.h"
#include "core/store/run_lease.h"
#include "core/torch/torch_runtime.h"
#include "core/util/machine.h"
#include "core/util/parallel.h"
#include "core/version.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <unordered_set>

namespace vox::run::detail {

using store::ResultRecord;
using store::UtteranceRecord;

Execution::Execution(store::ProjectStore& store, store::RunRecord run, RunControl& control, const RunEvents& events,
                     const store::RunLeaseHolder* lease)
    : m_store(store), m_run(std::move(run)), m_control(control), m_events(events), m_lease(lease)
{
}

std::optional<RunOutcome> Execution::prepare()
{
    auto card = readRunCard(m_run.cardJson);
    if (!card)
        return stop(RunStatus::Failed, card.error().describe());
    if (!card->hasSettings)
        return stop(RunStatus::Failed, "the run's card has no settings");
    m_settings = card->settings;

    auto variants = m_store.variants();
    if (!variants)
        return stop(RunStatus::Failed, variants.error().describe());
    const auto variant = std::find_if(variants->begin(), variants->end(),
                                      [&](const store::VariantRecord& v) { return v.id == m_run.variantId; });
    if (variant == variants->end())
        return stop(RunStatus::Failed, "the run's variant is no longer in the project");
    m_variant = *variant;
    m_family = store::variantFacts(m_variant.manifestJson).family;
    if (!store::trustedHere(m_variant)) // the front ends ask first; this is the backstop
        return stop(RunStatus::Failed, store::untrustedMessage(m_variant, m_store.path()));

    auto datasets = m_store.datasets();
    if (!datasets)
        return stop(RunStatus::Failed, datasets.error().describe());
    const auto dataset = std::find_if(datasets->begin(), datasets->end(),
                                      [&](const store::DatasetRecord& d) { return d.id == m_run.datasetId; });
    if (dataset == datasets->end())
        return stop(RunStatus::Failed, "the run's dataset is no longer in the project");
    m_dataset = *dataset;
    return std::nullopt;
}

Expected<std::vector<UtteranceRecord>> Execution::pending()
{
    auto all = m_store.utterances(m_run.datasetId);
    if (!all)
        return all.error();
    auto covered = runUtterances(std::move(*all), m_settings);
    auto left = m_store.pendingUtterances(m_run.id);
    if (!left)
        return left.error();
    const std::unordered_set<int64_t> open(left->begin(), left->end());
    auto earlier = m_store.results(m_run.id);
    if (!earlier)
        return earlier.error();
    m_progress.total = int64_t(covered.size());
    std::vector<UtteranceRecord> out;
    for (auto& u : covered)
        if (open.count(u.id))
            out.push_back(std::move(u));
    m_progress.done = m_progress.total - int64_t(out.size());
    m_progress.failed = std::count_if(earlier->begin(), earlier->end(), [](const ResultRecord& r) { return !r.error.empty(); });
    return out;
}

Expected<std::vector<UtteranceRecord>> Execution::begin(std::optional<RunOutcome>& stopped)
{
    auto items = pending();
    if (!items) {
        stopped = stop(RunStatus::Failed, items.error().describe());
        return items;
    }
    if (items->empty())
        stopped = stop(RunStatus::Finished, {});
    else if (m_control.cancel) // queued, then cancelled before its turn: no model load
        stopped = stop(RunStatus::Cancelled, "cancelled before it started");
    else if (m_control.pause)
        stopped = stop(RunStatus::Paused, {});
    else if (auto set = m_store.setRunStatus(m_run.id, runStatusName(RunStatus::Running)); !set)
        stopped = RunOutcome{RunStatus::Failed, set.error().describe(), m_progress};
    return items;
}

Expected<Done> Execution::recordSession(const TorchRuntime& runtime, const std::string& device, const std::string& dtype,
                                        int workers, const std::string& pools, const std::string& quantized)
{
    const TorchEnvironment env = runtime.environment();
    EnvironmentFacts facts;
    facts.voxbench = kVersion;
    facts.torch = env.torchVersion;
    facts.device = device;
    for (const auto& d : env.devices)
        if (d.id == facts.device || (facts.device == "cuda" && d.id == "cuda:0"))
            facts.deviceName = d.name;
    facts.dtype = dtype;
    facts.threads = m_settings.threads > 0 ? m_settings.threads : env.defaultIntraOpThreads;
    facts.blasCore = env.blasCore;
    facts.parallel = workers;
    facts.threadPools = pools;
    facts.quantizedEngines = quantized;
    facts.cpu = cpuModelName();
    facts.host = hostName();
    // Read, changed and written in one transaction: a session another process added meanwhile stays.
    auto written = m_store.updateRunCard(m_run.id, [&](const std::string& card) { return withSession(card, facts); });
    if (!written)
        return written.error();
    m_run.cardJson = *written;
    return Done{};
}

std::string Execution::cancelledMessage() const
{
    return "cancelled after " + std::to_string(m_progress.done) + " of " + std::to_string(m_progress.total)
           + " utterances";
}

RunOutcome Execution::runBatches(const std::vector<UtteranceRecord>& items, size_t size, const BatchFunction& batch)
{
    return runBatches(items, size, std::vector<BatchFunction>{batch});
}

RunOutcome Execution::runBatches(const std::vector<UtteranceRecord>& items, size_t size,
                                 const std::vector<BatchFunction>& workers)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    const size_t step = std::max<size_t>(1, size);
    const size_t batches = (items.size() + step - 1) / step;
    std::atomic<size_t> next{0}, completed{0};
    std::atomic<bool> stopping{false};
    auto work = [&](const BatchFunction& batch) {
        while (!stopping && !m_control.cancel && !m_control.pause && !(m_lease && m_lease->lost())) {
            const size_t b = next++;
            if (b >= batches)
                return;
            std::vector<const UtteranceRecord*> part;
            for (size_t i = b * step; i < std::min(items.size(), (b + 1) * step); ++i)
                part.push_back(&items[i]);
            bool goOn = false;
            try {
                goOn = batch(part);
            } catch (const std::exception& e) { // a worker's exception must not end the process
                failWith(std::string("a worker failed: ") + e.what());
            }
            {
                const std::lock_guard lock(m_mutex);
                m_progress.elapsedSeconds = std::chrono::duration<double>(Clock::now() - started).count();
            }
            if (!goOn) { // failed (failWith), or cancelled inside the batch
                stopping = true;
                return;
            }
            ++completed;
        }
    };
    onWorkers(workers.size(), [&](size_t w) { work(workers[w]); });

    if (m_failure)
        return stop(RunStatus::Failed, *m_failure);
    if (m_control.cancel)
        return stop(RunStatus::Cancelled, cancelledMessage());
    if (completed == batches)
        return stop(RunStatus::Finished, {});
    if (m_lease && m_lease->lost()) // another process executes the run now: its status stands
        return {RunStatus::Failed,
                "another process took over the run (this one had not renewed its lease for "
                    + std::to_string(int(store::kLeaseStaleSeconds)) + " s)",
                m_progress, true};
    if (m_control.pause)
        return stop(RunStatus::Paused, {});
    return stop(RunStatus::Cancelled, cancelledMessage());
}

bool Execution::commit(const std::vector<ResultRecord>& results, BatchWork work)
{
    const std::lock_guard lock(m_mutex);
    if (auto written = m_store.addResults(results); !written) {
        if (!m_failure)
            m_failure = "cannot write results to the project: " + written.error().describe();
        return false;
    }
    m_progress.done += int64_t(results.size());
    m_progress.doneThisSession += int64_t(results.size());
    m_progress.failed += std::count_if(results.begin(), results.end(), [](const ResultRecord& r) { return !r.error.empty(); });
    m_progress.computeSeconds += work.computeSeconds;
    m_progress.audioSeconds += work.audioSeconds;
    if (m_events.onResults)
        m_events.onResults(results, m_progress);
    return true;
}

void Execution::failWith(std::string message)
{
    const std::lock_guard lock(m_mutex);
    if (!m_failure)
        m_failure = std::move(message);
}

RunOutcome Execution::stop(RunStatus status, std::string message)
{
    if (auto set = m_store.setRunStatus(m_run.id, runStatusName(status), message); !set)
        log::get("run")->error("run {}: cannot record its status {}: {}", m_run.id, runStatusName(status),
                               set.error().describe());
    return {status, std::move(message), m_progress};
}

void Execution::stage(const std::string& name) const
{
    if (m_events.onStage)
        m_events.onStage(name);
}

Expected<audio::DecodedAudio> Execution::decode(const UtteranceRecord& utterance, int sampleRate)
{
    audio::DecodeOptions options;
    options.sampleRate = sampleRate;
    options.startSeconds = utterance.start.value_or(0.0);
    options.endSeconds = utterance.end.value_or(-1.0);
    return audio::decodeAudio(utterance.audioPath, options);
}

Execution::DecodedBatch Execution::decodeBatch(const std::vector<const UtteranceRecord*>& batch, int sampleRate,
                                               std::vector<ResultRecord>& failures) const
{
    DecodedBatch out;
    for (const UtteranceRecord* u : batch) {
        auto decoded = decode(*u, sampleRate);
        if (!decoded) {
            failures.push_back(failed(*u, "cannot decode the audio: " + decoded.error().describe()));
            continue;
        }
        out.seconds.push_back(double(decoded->samples.size()) / decoded->sampleRate);
        out.items.push_back(u);
        out.audio.push_back(std::move(decoded->samples));
    }
    return out;
}

ResultRecord Execution::failed(const UtteranceRecord& utterance, std::string error) const
{
    ResultRecord r;
    r.runId = m_run.id;
    r.utteranceId = utterance.id;
    r.error = std::move(error);
    return r;
}

} // namespace vox::run::detail
