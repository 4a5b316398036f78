#include "core/run/run_executor.h"

#include "core/audio/audio_decoder.h"
#include "core/log/log.h"
#include "core/run/run_card.h"
#include "core/store/package_records.h"
#include "core/torch/torch_runtime.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <chrono>
#include <unordered_set>

namespace vox::run {

using nlohmann::json;
using store::ProjectStore;
using store::ResultRecord;
using store::UtteranceRecord;

namespace {

using Clock = std::chrono::steady_clock;

json timingsJson(const whisper::Transcript& t, const std::vector<double>& repeatsMs, double audioSeconds, size_t batch)
{
    const auto& s = t.timings;
    return json{{"total_ms", s.totalMs},
                {"per_utterance_ms", s.totalMs / double(batch)},
                {"features_ms", s.featuresMs},
                {"encoder_ms", s.encoderMs},
                {"decoder_ms", s.decoderMs},
                {"inside_model_ms", s.forwardMs},
                {"decoder_steps", s.decoderSteps},
                {"audio_s", audioSeconds},
                {"batch", batch},
                {"repeats_ms", repeatsMs},
                {"finished_by", t.finishedBy}};
}

// The executing part, once the store is open and the run is known to exist.
class Execution {
public:
    Execution(ProjectStore& store, store::RunRecord run, RunControl& control, const RunEvents& events)
        : m_store(store), m_run(std::move(run)), m_control(control), m_events(events)
    {
    }

    RunOutcome execute();

private:
    RunOutcome stop(RunStatus status, std::string message);
    void stage(const std::string& name)
    {
        if (m_events.onStage)
            m_events.onStage(name);
    }
    Expected<std::vector<UtteranceRecord>> pending();
    Expected<std::unique_ptr<WhisperRunner>> openModel(const TorchRuntime& runtime, const std::string& package);
    void warmUp(WhisperRunner& runner, const UtteranceRecord& first);
    // One batch: decode, transcribe `repeats` times, write. False when the run must stop.
    bool runBatch(WhisperRunner& runner, const std::vector<const UtteranceRecord*>& batch);

    ProjectStore& m_store;
    store::RunRecord m_run;
    RunControl& m_control;
    const RunEvents& m_events;
    RunSettings m_settings;
    whisper::DecodeOptions m_decode;
    RunProgress m_progress;
    std::optional<RunStatus> m_stopStatus;
    std::string m_stopMessage;
};

RunOutcome Execution::stop(RunStatus status, std::string message)
{
    if (auto set = m_store.setRunStatus(m_run.id, runStatusName(status), message); !set)
        log::get("run")->error("run {}: cannot record its status {}: {}", m_run.id, runStatusName(status),
                               set.error().describe());
    return {status, std::move(message), m_progress};
}

Expected<std::vector<UtteranceRecord>> Execution::pending()
{
    auto all = m_store.utterances(m_run.datasetId);
    if (!all)
        return all.error();
    auto covered = runUtterances(std::move(*all), m_settings.limit);
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

Expected<std::unique_ptr<WhisperRunner>> Execution::openModel(const TorchRuntime& runtime, const std::string& package)
{
    auto options = engineOptions(m_settings);
    options.cancel = &m_control.cancel; // a cancel while a large model loads stops it between steps
    auto runner = runtime.openWhisper(package, options);
    if (!runner)
        return runner.error();
    const TorchEnvironment env = runtime.environment();
    EnvironmentFacts facts;
    facts.voxbench = kVersion;
    facts.torch = env.torchVersion;
    facts.device = (*runner)->device();
    for (const auto& d : env.devices)
        if (d.id == facts.device || (facts.device == "cuda" && d.id == "cuda:0"))
            facts.deviceName = d.name;
    facts.dtype = (*runner)->dtype();
    facts.threads = m_settings.threads > 0 ? m_settings.threads : env.defaultIntraOpThreads;
    facts.blasCore = env.blasCore;
    facts.cpu = cpuModelName();
    facts.host = hostName();
    if (auto saved = m_store.setRunCard(m_run.id, withSession(m_run.cardJson, facts)); !saved)
        return saved.error();
    return runner;
}

void Execution::warmUp(WhisperRunner& runner, const UtteranceRecord& first)
{
    if (m_settings.warmup <= 0)
        return;
    stage("warming up");
    audio::DecodeOptions options;
    options.startSeconds = first.start.value_or(0.0);
    options.endSeconds = first.end.value_or(-1.0);
    auto decoded = audio::decodeAudio(first.audioPath, options);
    if (!decoded)
        return; // its own batch reports the error
    const std::vector<std::vector<float>> batch(size_t(std::max(1, m_settings.batch)), decoded->samples);
    for (int i = 0; i < m_settings.warmup && !m_control.cancel; ++i)
        (void)runner.transcribe(batch, m_decode, &m_control.cancel);
}

bool Execution::runBatch(WhisperRunner& runner, const std::vector<const UtteranceRecord*>& batch)
{
    std::vector<ResultRecord> results;
    std::vector<const UtteranceRecord*> decodedItems;
    std::vector<std::vector<float>> audio;
    std::vector<double> seconds;
    for (const UtteranceRecord* u : batch) {
        audio::DecodeOptions options;
        options.startSeconds = u->start.value_or(0.0);
        options.endSeconds = u->end.value_or(-1.0);
        auto decoded = audio::decodeAudio(u->audioPath, options);
        if (!decoded) {
            ResultRecord r;
            r.runId = m_run.id;
            r.utteranceId = u->id;
            r.error = "cannot decode the audio: " + decoded.error().describe();
            results.push_back(std::move(r));
            continue;
        }
        seconds.push_back(double(decoded->samples.size()) / decoded->sampleRate);
        decodedItems.push_back(u);
        audio.push_back(std::move(decoded->samples));
    }
    if (!audio.empty()) {
        std::vector<std::vector<whisper::Transcript>> repeats;
        std::vector<double> totals;
        std::string failure;
        for (int i = 0; i < m_settings.repeats; ++i) {
            auto out = runner.transcribe(audio, m_decode, &m_control.cancel);
            if (!out) {
                failure = out.error().describe();
                break;
            }
            if (std::any_of(out->begin(), out->end(), [](const whisper::Transcript& t) { return t.cancelled; }))
                return false; // not stored: these utterances stay pending
            totals.push_back(out->front().timings.totalMs);
            repeats.push_back(std::move(*out));
        }
        // The repeat whose total time is the median stands for the batch (all its figures).
        size_t median = 0;
        if (!repeats.empty()) {
            std::vector<size_t> order(repeats.size());
            for (size_t i = 0; i < order.size(); ++i)
                order[i] = i;
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return totals[a] < totals[b]; });
            median = order[order.size() / 2];
            m_progress.computeSeconds += totals[median] / 1000.0;
        }
        for (size_t i = 0; i < decodedItems.size(); ++i) {
            ResultRecord r;
            r.runId = m_run.id;
            r.utteranceId = decodedItems[i]->id;
            if (!failure.empty()) {
                r.error = "the model failed on this batch: " + failure;
            } else {
                const whisper::Transcript& t = repeats[median][i];
                r.hypothesis = t.text;
                r.tokensJson = json(t.tokens).dump();
                r.timingsJson = timingsJson(t, totals, seconds[i], audio.size()).dump();
                r.peakMemoryBytes = t.peakMemoryBytes;
            }
            m_progress.audioSeconds += seconds[i];
            results.push_back(std::move(r));
        }
    }
    if (auto written = m_store.addResults(results); !written) {
        m_stopStatus = RunStatus::Failed;
        m_stopMessage = "cannot write results to the project: " + written.error().describe();
        return false;
    }
    m_progress.done += int64_t(results.size());
    m_progress.doneThisSession += int64_t(results.size());
    m_progress.failed += std::count_if(results.begin(), results.end(), [](const ResultRecord& r) { return !r.error.empty(); });
    if (m_events.onResults)
        m_events.onResults(results, m_progress);
    return true;
}

RunOutcome Execution::execute()
{
    auto card = readRunCard(m_run.cardJson);
    if (!card)
        return stop(RunStatus::Failed, card.error().describe());
    if (!card->hasSettings)
        return stop(RunStatus::Failed, "the run's card has no settings");
    m_settings = card->settings;
    m_decode = decodeOptions(m_settings);

    auto variants = m_store.variants();
    if (!variants)
        return stop(RunStatus::Failed, variants.error().describe());
    const auto variant = std::find_if(variants->begin(), variants->end(),
                                      [&](const store::VariantRecord& v) { return v.id == m_run.variantId; });
    if (variant == variants->end())
        return stop(RunStatus::Failed, "the run's variant is no longer in the project");
    const std::string family = store::variantFacts(variant->manifestJson).family;
    if (family != "whisper")
        return stop(RunStatus::Failed, "variant " + variant->name + " is a " + (family.empty() ? "unknown" : family)
                                  + " package; runs over a speech dataset take Whisper packages (KWS packages: "
                                    "voxbench-cli classify)");

    auto items = pending();
    if (!items)
        return stop(RunStatus::Failed, items.error().describe());
    if (items->empty())
        return stop(RunStatus::Finished, {});
    if (m_control.cancel) // queued, then cancelled before its turn: no model load
        return stop(RunStatus::Cancelled, "cancelled before it started");
    if (m_control.pause)
        return stop(RunStatus::Paused, {});
    if (auto set = m_store.setRunStatus(m_run.id, runStatusName(RunStatus::Running)); !set)
        return {RunStatus::Failed, set.error().describe(), m_progress};

    stage("loading");
    auto runtime = loadTorchRuntime();
    if (!runtime)
        return stop(RunStatus::Failed, runtime.error().describe());
    auto runner = openModel(**runtime, variant->packagePath);
    if (!runner && m_control.cancel)
        return stop(RunStatus::Cancelled, "cancelled while the model was loaded");
    if (!runner)
        return stop(RunStatus::Failed, "cannot load " + variant->name + ": " + runner.error().describe());
    warmUp(**runner, items->front());

    stage("running");
    const auto started = Clock::now();
    const size_t step = size_t(std::max(1, m_settings.batch));
    for (size_t begin = 0; begin < items->size(); begin += step) {
        if (m_control.cancel)
            return stop(RunStatus::Cancelled, "cancelled after " + std::to_string(m_progress.done) + " of "
                                         + std::to_string(m_progress.total) + " utterances");
        if (m_control.pause)
            return stop(RunStatus::Paused, {});
        std::vector<const UtteranceRecord*> batch;
        for (size_t i = begin; i < std::min(items->size(), begin + step); ++i)
            batch.push_back(&(*items)[i]);
        const bool goOn = runBatch(**runner, batch);
        m_progress.elapsedSeconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (!goOn) {
            if (m_stopStatus)
                return stop(*m_stopStatus, m_stopMessage);
            continue; // cancelled inside the batch: the check above stops the run
        }
    }
    if (m_control.cancel)
        return stop(RunStatus::Cancelled, "cancelled after " + std::to_string(m_progress.done) + " of "
                                     + std::to_string(m_progress.total) + " utterances");
    return stop(RunStatus::Finished, {});
}

} // namespace

std::vector<UtteranceRecord> runUtterances(std::vector<UtteranceRecord> all, int64_t limit)
{
    std::sort(all.begin(), all.end(), [](const UtteranceRecord& a, const UtteranceRecord& b) { return a.id < b.id; });
    if (limit > 0 && int64_t(all.size()) > limit)
        all.resize(size_t(limit));
    return all;
}

Expected<int64_t> createRun(ProjectStore& store, int64_t variantId, int64_t datasetId, const RunSettings& given)
{
    auto settings = checked(given);
    if (!settings)
        return settings.error();
    auto variants = store.variants();
    if (!variants)
        return variants.error();
    auto datasets = store.datasets();
    if (!datasets)
        return datasets.error();
    auto v = std::find_if(variants->begin(), variants->end(), [&](const auto& x) { return x.id == variantId; });
    auto d = std::find_if(datasets->begin(), datasets->end(), [&](const auto& x) { return x.id == datasetId; });
    if (v == variants->end())
        return makeError("the project has no variant " + std::to_string(variantId));
    if (d == datasets->end())
        return makeError("the project has no dataset " + std::to_string(datasetId));
    store::RunRecord run;
    run.variantId = variantId;
    run.datasetId = datasetId;
    run.status = runStatusName(RunStatus::Queued);
    run.cardJson = makeRunCard(*settings, *v, *d);
    return store.createRun(run);
}

RunOutcome executeRun(const std::filesystem::path& project, int64_t runId, RunControl& control, const RunEvents& events)
{
    auto opened = ProjectStore::open(project, ProjectStore::Mode::OpenExisting);
    if (!opened)
        return {RunStatus::Failed, opened.error().describe(), {}};
    auto run = (*opened)->run(runId);
    if (!run)
        return {RunStatus::Failed, run.error().describe(), {}};
    try {
        return Execution(**opened, std::move(*run), control, events).execute();
    } catch (const std::exception& e) {
        const std::string message = std::string("the run stopped on an unexpected error: ") + e.what();
        (void)(*opened)->setRunStatus(runId, runStatusName(RunStatus::Failed), message);
        return {RunStatus::Failed, message, {}};
    }
}

} // namespace vox::run
