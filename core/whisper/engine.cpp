#include "core/whisper/engine.h"

#include "core/torch/log_mel.h"
#include "core/torch/op_profiler.h"
#include "core/torch/torch_env.h"
#include "core/torch/torch_error.h"
#include "core/torch/torch_warnings.h"
#include "core/whisper/memory_probe.h"
#include "core/whisper/model_runner.h"
#include "core/whisper/search.h"
#include "core/whisper/token_text.h"

#include <algorithm>
#include <chrono>

// Torch-free: the stages, windows, batches, timings and memory of a transcription. The
// libtorch side is ModelRunner (model_runner.cpp).
namespace vox::whisper {

struct Engine::Impl {
    PackageInfo info;
    TokenText text;
    ModelRunner model;
    int threads = 1;
};

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Windows of `length` samples (2 * n_audio_ctx * 160: 30 s for OpenAI's checkpoints).
size_t windowCount(const std::vector<float>& audio, size_t length)
{
    return std::max<size_t>(1, (audio.size() + length - 1) / length);
}

std::vector<float> windowSamples(const std::vector<float>& audio, size_t window, size_t length)
{
    const size_t begin = std::min(audio.size(), window * length);
    const size_t end = std::min(audio.size(), begin + length);
    return {audio.begin() + static_cast<std::ptrdiff_t>(begin), audio.begin() + static_cast<std::ptrdiff_t>(end)};
}

// Log-mel of windows [first, last) of `audio`, appended to `mels`.
Expected<Done> appendFeatures(const std::vector<float>& audio, size_t first, size_t last, const ModelDims& dims,
                              std::vector<float>& mels, size_t utterance)
{
    const int length = windowSamplesFor(dims.nAudioCtx);
    for (size_t w = first; w < last; ++w) {
        auto mel = logMelSpectrogram(windowSamples(audio, w, static_cast<size_t>(length)), {dims.nMels, length});
        if (!mel)
            return makeError(mel.error().message, "utterance " + std::to_string(utterance));
        mels.insert(mels.end(), mel->values.begin(), mel->values.end());
    }
    return Done{};
}

// Peak memory over one measured span: the device allocator's peak on CUDA, RSS growth on CPU.
class MemorySpan {
public:
    explicit MemorySpan(ModelRunner& model) : m_model(model) { m_model.resetPeakMemory(); }
    RssProbe& probe() { return m_rss; }
    int64_t peakBytes()
    {
        if (auto device = m_model.devicePeakMemory())
            return *device;
        m_rss.sample();
        return m_rss.growth();
    }

private:
    ModelRunner& m_model;
    RssProbe m_rss;
};


// A window's tokens join the transcript unless the model says there is no speech in it and the
// caller set a threshold for that (then it finished by "no_speech"); its probability is kept.
void keepWindow(Transcript& t, const Hypothesis& h, std::optional<double> noSpeech, std::optional<double> threshold)
{
    if (noSpeech)
        t.noSpeechProbability.push_back(*noSpeech);
    if (noSpeech && threshold && *noSpeech > *threshold && h.finishedBy != FinishReason::Cancelled) {
        t.finishedBy.push_back("no_speech");
        return;
    }
    t.tokens.insert(t.tokens.end(), h.tokens.begin(), h.tokens.end());
    t.finishedBy.push_back(finishReasonName(h.finishedBy));
}

} // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Engine Engine::share() const
{
    return Engine(std::make_unique<Impl>(Impl{d->info, d->text, d->model.share(), d->threads}));
}

Expected<Engine> Engine::load(const std::filesystem::path& packageFolder, const EngineOptions& options)
{
    installTorchWarningHandler();
    if (options.threads > 0)
        setIntraOpThreads(options.threads);
    PackageReadOptions read;
    read.cancel = options.cancel;
    auto info = readPackage(packageFolder, read);
    if (!info)
        return info.error();
    auto text = TokenText::load(info->filePath(info->files.vocab), info->textTokenLimit);
    if (!text)
        return text.error();
    auto model = ModelRunner::load(*info, options);
    if (!model)
        return model.error();
    info->encoderEngine = model->package().encoderEngine; // what an int8 package was loaded with
    info->decoderEngine = model->package().decoderEngine;
    return Engine(std::make_unique<Impl>(Impl{std::move(*info), std::move(*text), std::move(*model), options.threads}));
}

Expected<std::vector<Transcript>> Engine::transcribe(const std::vector<std::vector<float>>& batch16k,
                                                     const DecodeOptions& options, const std::atomic<bool>* cancel)
{
    const PackageInfo& p = d->info;
    const std::string where = p.folder.string();
    if (options.beamSize < 1)
        return makeError("beam size must be at least 1", where);
    if (options.task != "transcribe" && options.task != "translate")
        return makeError("unknown task '" + options.task + "' (transcribe or translate)", where);
    int64_t language = 0;
    if (p.multilingual) {
        const auto id = p.languageToken(options.language);
        if (!id)
            return makeError("the package has no language '" + options.language + "'", where);
        language = *id;
    }
    const auto prompt = p.prompt(language, options.task == "translate" ? p.special.translate : p.special.transcribe);
    const int promptLength = static_cast<int>(prompt.size());
    const int wanted = options.maxTokens < 0 ? p.defaultMaxNewTokens : options.maxTokens;
    SearchSettings settings;
    settings.promptLength = promptLength;
    settings.maxNewTokens = std::max(0, std::min(wanted, p.dims.nTextCtx - promptLength));
    settings.endOfText = p.special.endOfText;
    settings.guard = {p.guardMaxNgram, p.guardRepeats};
    settings.cancel = cancel;
    const int64_t maxLen = promptLength + settings.maxNewTokens;
    const auto windowLength = static_cast<size_t>(windowSamplesFor(p.dims.nAudioCtx));

    installTorchWarningHandler();
    if (d->threads > 0)
        setIntraOpThreads(d->threads);
    // Torch errors come back as values from ModelRunner; this catches the rest (memory).
    auto run = [&]() -> Expected<std::vector<Transcript>> {
        std::vector<Transcript> out(batch16k.size());
        if (batch16k.empty())
            return out;
        ModelRunner& model = d->model;

        if (options.beamSize == 1) {
            // Greedy: every window of every utterance is one row of one batch.
            const auto t0 = Clock::now();
            MemorySpan memory(model);
            model.takeForwardMs();
            StageTimings timings;
            std::vector<float> mels;
            std::vector<size_t> windows;
            {
                profile::Scope scope(profile::kStageFeatures);
                for (size_t u = 0; u < batch16k.size(); ++u) {
                    windows.push_back(windowCount(batch16k[u], windowLength));
                    if (auto ok = appendFeatures(batch16k[u], 0, windows.back(), p.dims, mels, u); !ok)
                        return ok.error();
                }
            }
            const int64_t rows = static_cast<int64_t>(mels.size() / (static_cast<size_t>(p.dims.nMels) * 2 * p.dims.nAudioCtx));
            timings.featuresMs = msSince(t0);
            const auto t1 = Clock::now();
            auto encoderScope = std::make_unique<profile::Scope>(profile::kStageEncoder);
            auto audio = model.encode(mels, rows);
            if (!audio)
                return audio.error();
            model.synchronize();
            encoderScope.reset();
            memory.probe().sample();
            timings.encoderMs = msSince(t1);
            const auto t2 = Clock::now();
            auto decoderScope = std::make_unique<profile::Scope>(profile::kStageDecoder);
            auto session = model.startDecoder(*audio, prompt, maxLen, memory.probe());
            if (!session)
                return session.error();
            auto result = greedySearch(**session, static_cast<int>(rows), settings);
            if (!result)
                return result.error();
            model.synchronize();
            decoderScope.reset();
            timings.decoderMs = msSince(t2);
            timings.decoderSteps = result->steps;
            timings.totalMs = msSince(t0);
            timings.forwardMs = model.takeForwardMs();
            const int64_t peak = memory.peakBytes();
            const auto noSpeech = (*session)->noSpeechProbabilities();
            size_t row = 0;
            for (size_t u = 0; u < out.size(); ++u) {
                for (size_t w = 0; w < windows[u]; ++w, ++row)
                    keepWindow(out[u], result->rows[row], row < noSpeech.size() ? std::optional<double>(noSpeech[row]) : std::nullopt,
                               options.noSpeechThreshold);
                out[u].timings = timings;
                out[u].peakMemoryBytes = peak;
                out[u].cancelled = result->cancelled;
                out[u].text = d->text.decode(out[u].tokens);
            }
            return out;
        }

        // Beam search: one utterance, and within it one window, at a time (as the reference).
        bool cancelled = false;
        for (size_t u = 0; u < batch16k.size(); ++u) {
            Transcript& t = out[u];
            const auto t0 = Clock::now();
            MemorySpan memory(model);
            model.takeForwardMs();
            for (size_t w = 0; w < windowCount(batch16k[u], windowLength) && !cancelled; ++w) {
                const auto tf = Clock::now();
                std::vector<float> mel;
                auto featuresScope = std::make_unique<profile::Scope>(profile::kStageFeatures);
                if (auto ok = appendFeatures(batch16k[u], w, w + 1, p.dims, mel, u); !ok)
                    return ok.error();
                featuresScope.reset();
                t.timings.featuresMs += msSince(tf);
                const auto te = Clock::now();
                auto encoderScope = std::make_unique<profile::Scope>(profile::kStageEncoder);
                auto audio = model.encode(mel, 1);
                if (!audio)
                    return audio.error();
                model.synchronize();
                encoderScope.reset();
                memory.probe().sample();
                t.timings.encoderMs += msSince(te);
                const auto td = Clock::now();
                auto decoderScope = std::make_unique<profile::Scope>(profile::kStageDecoder);
                auto session = model.startDecoder(*audio, prompt, maxLen, memory.probe());
                if (!session)
                    return session.error();
                auto result = beamSearch(**session, options.beamSize, settings);
                if (!result)
                    return result.error();
                model.synchronize();
                decoderScope.reset();
                t.timings.decoderMs += msSince(td);
                t.timings.decoderSteps += result->steps;
                const auto noSpeech = (*session)->noSpeechProbabilities();
                keepWindow(t, result->rows.front(), noSpeech.empty() ? std::nullopt : std::optional<double>(noSpeech.front()),
                           options.noSpeechThreshold);
                cancelled = result->cancelled;
            }
            t.cancelled = cancelled; // later utterances are skipped once cancelled
            t.timings.totalMs = msSince(t0);
            t.timings.forwardMs = model.takeForwardMs();
            t.peakMemoryBytes = memory.peakBytes();
            t.text = d->text.decode(t.tokens);
        }
        return out;
    };
    try {
        return run();
    } catch (const std::exception& e) {
        return makeError("transcription failed: " + torchMessage(e), where);
    }
}

const PackageInfo& Engine::package() const
{
    return d->info;
}

std::string Engine::device() const
{
    return d->model.device();
}

std::string Engine::dtype() const
{
    return d->model.dtype();
}

std::string Engine::decodeText(const std::vector<int64_t>& tokens) const
{
    return d->text.decode(tokens);
}

} // namespace vox::whisper
