// A Whisper package over a speech dataset: batches of utterances transcribed `repeats` times,
// the median repeat's transcripts and figures stored.
#include "core/run/run_execution.h"

#include "core/torch/torch_runtime.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace vox::run::detail {

using nlohmann::json;
using store::ResultRecord;
using store::UtteranceRecord;

namespace {

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

// What a Whisper result holds besides its transcript (results.output_json): the no-speech
// probability of every window, and whether the run's threshold took a window's text away.
json whisperOutputJson(const whisper::Transcript& t)
{
    const bool dropped = std::find(t.finishedBy.begin(), t.finishedBy.end(), "no_speech") != t.finishedBy.end();
    return json{{"no_speech_probability", t.noSpeechProbability}, {"no_speech", dropped}};
}

class WhisperExecution {
public:
    WhisperExecution(Execution& execution, WhisperRunner& runner)
        : m_execution(execution), m_runner(runner), m_decode(decodeOptions(execution.settings()))
    {
    }

    // Untimed decodes of `first` on the calling thread (each worker warms up on its own thread).
    void warmUp(const UtteranceRecord& first, bool announce);
    // One batch: decode, transcribe `repeats` times, write. False when the run must stop.
    bool runBatch(const std::vector<const UtteranceRecord*>& batch);

private:
    Execution& m_execution;
    WhisperRunner& m_runner;
    whisper::DecodeOptions m_decode;
};

void WhisperExecution::warmUp(const UtteranceRecord& first, bool announce)
{
    const RunSettings& settings = m_execution.settings();
    if (settings.warmup <= 0)
        return;
    if (announce)
        m_execution.stage("warming up");
    auto decoded = Execution::decode(first, 16000);
    if (!decoded)
        return; // its own batch reports the error
    const std::vector<std::vector<float>> batch(size_t(std::max(1, settings.batch)), decoded->samples);
    for (int i = 0; i < settings.warmup && !m_execution.control().cancel; ++i)
        (void)m_runner.transcribe(batch, m_decode, &m_execution.control().cancel);
}

bool WhisperExecution::runBatch(const std::vector<const UtteranceRecord*>& batch)
{
    BatchWork work;
    std::vector<ResultRecord> results;
    const auto [decodedItems, audio, seconds] = m_execution.decodeBatch(batch, 16000, results);
    if (!audio.empty()) {
        std::vector<std::vector<whisper::Transcript>> repeats;
        std::vector<double> totals;
        std::string failure;
        for (int i = 0; i < m_execution.settings().repeats; ++i) {
            auto out = m_runner.transcribe(audio, m_decode, &m_execution.control().cancel);
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
            work.computeSeconds = totals[median] / 1000.0;
        }
        for (size_t i = 0; i < decodedItems.size(); ++i) {
            if (!failure.empty()) {
                results.push_back(m_execution.failed(*decodedItems[i], "the model failed on this batch: " + failure));
            } else {
                ResultRecord r;
                r.runId = m_execution.runId();
                r.utteranceId = decodedItems[i]->id;
                const whisper::Transcript& t = repeats[median][i];
                r.hypothesis = t.text;
                r.tokensJson = json(t.tokens).dump();
                r.timingsJson = timingsJson(t, totals, seconds[i], audio.size()).dump();
                r.outputJson = whisperOutputJson(t).dump();
                r.peakMemoryBytes = t.peakMemoryBytes;
                results.push_back(std::move(r));
            }
            work.audioSeconds += seconds[i];
        }
    }
    return m_execution.commit(results, work);
}

} // namespace

RunOutcome executeWhisperRun(Execution& execution)
{
    std::optional<RunOutcome> stopped;
    auto items = execution.begin(stopped);
    if (stopped)
        return *stopped;

    execution.stage("loading");
    auto runtime = loadTorchRuntime();
    if (!runtime)
        return execution.stop(RunStatus::Failed, runtime.error().describe());
    // Several workers (workersFor): one runner each over the one loaded model, each its share
    // of the threads; the engine sets them on its worker's thread at every call.
    const RunSettings& settings = execution.settings();
    const size_t batchSize = size_t(std::max(1, settings.batch));
    const int workers = workersFor(settings, (items->size() + batchSize - 1) / batchSize);
    auto options = engineOptions(settings, workers);
    options.cancel = &execution.control().cancel; // a cancel while a large model loads stops it between steps
    auto opened = openWhisperWorkers(**runtime, execution.variant().packagePath, options, workers);
    if (!opened && execution.control().cancel)
        return execution.stop(RunStatus::Cancelled, "cancelled while the model was loaded");
    if (!opened)
        return execution.stop(RunStatus::Failed, "cannot load " + execution.variant().name + ": " + opened.error().describe());
    const auto& runners = opened->runners;
    const whisper::PackageInfo& loaded = runners.front()->package();
    const std::string quantized =
        loaded.variantKind == "int8" ? "encoder " + loaded.encoderEngine + ", decoder " + loaded.decoderEngine : "";
    if (auto saved = execution.recordSession(**runtime, runners.front()->device(), runners.front()->dtype(), workers,
                                             opened->pools.describe(), quantized);
        !saved)
        return execution.stop(RunStatus::Failed, "cannot load " + execution.variant().name + ": " + saved.error().describe());

    std::vector<std::unique_ptr<WhisperExecution>> executions;
    std::vector<Execution::BatchFunction> functions;
    for (int w = 0; w < workers; ++w) {
        executions.push_back(std::make_unique<WhisperExecution>(execution, *runners[size_t(w)]));
        WhisperExecution* whisper = executions.back().get();
        const UtteranceRecord* first = &items->front();
        const std::string running = workers > 1 ? "running (" + std::to_string(workers) + " batches at once)" : "running";
        functions.push_back([&execution, whisper, first, w, running, warmed = false](const auto& batch) mutable {
            if (!warmed) {
                whisper->warmUp(*first, w == 0);
                if (w == 0)
                    execution.stage(running);
                warmed = true;
            }
            return whisper->runBatch(batch);
        });
    }
    return execution.runBatches(*items, batchSize, functions);
}

} // namespace vox::run::detail
