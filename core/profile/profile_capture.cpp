#include "core/profile/profile_capture.h"

#include "core/audio/audio_decoder.h"
#include "core/log/log.h"
#include "core/profile/profile_json.h"
#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/store/package_records.h"
#include "core/store/package_trust.h"
#include "core/torch/torch_runtime.h"

#include <algorithm>
#include <chrono>

namespace vox::profile {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::vector<std::vector<std::vector<float>>> batchesOf(const std::vector<std::vector<float>>& audio, int batch)
{
    std::vector<std::vector<std::vector<float>>> out;
    const size_t n = size_t(std::max(1, batch));
    for (size_t i = 0; i < audio.size(); i += n)
        out.emplace_back(audio.begin() + long(i), audio.begin() + long(std::min(audio.size(), i + n)));
    return out;
}

// What every capture shares, whatever the model: at least two warm-up calls, a timed pass
// without the profiler, the profiled pass, the other timed passes; then the profile built from
// the events. `call(i)` runs the i-th of `calls` model calls.
Expected<OperatorProfile> capturePasses(const TorchRuntime& runtime, size_t calls,
                                        const std::function<Expected<Done>(size_t)>& call, int warmup,
                                        const CaptureOptions& options, const std::string& where)
{
    auto stage = [&](const char* name) {
        if (options.onStage)
            options.onStage(name);
    };
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    const Error stopped = makeError("the profile was cancelled", where);
    stage("warming up");
    for (int i = 0; i < std::max(2, warmup) && !cancelled(); ++i)
        if (auto ok = call(0); !ok)
            return ok.error();
    // Timed passes without the profiler around the profiled one (one before, the rest after), so
    // that a machine that speeds up or slows down during the capture shows in neither alone.
    std::vector<double> passes;
    auto plainPass = [&]() -> Expected<Done> {
        const auto t0 = Clock::now();
        for (size_t i = 0; i < calls; ++i) {
            if (cancelled())
                return Done{}; // the caller says so
            if (auto ok = call(i); !ok)
                return ok.error();
        }
        passes.push_back(msSince(t0));
        return Done{};
    };
    stage("timing");
    if (auto ok = plainPass(); !ok)
        return ok.error();
    if (cancelled())
        return stopped;

    stage("profiling");
    if (auto started = runtime.startOperatorRecording(options.recorder); !started)
        return started.error();
    double wallMs = 0;
    for (size_t i = 0; i < calls; ++i) {
        if (cancelled())
            break;
        const auto t0 = Clock::now();
        auto ok = call(i);
        wallMs += msSince(t0);
        if (!ok) {
            (void)runtime.stopOperatorRecording();
            return ok.error();
        }
    }
    auto events = runtime.stopOperatorRecording();
    if (!events)
        return events.error();
    if (cancelled())
        return stopped;
    stage("timing");
    for (int p = 1; p < std::max(1, options.passes) && !cancelled(); ++p)
        if (auto ok = plainPass(); !ok)
            return ok.error();
    if (cancelled())
        return stopped;

    OperatorProfile p = buildProfile(std::move(*events), wallMs * 1000.0);
    std::sort(passes.begin(), passes.end());
    p.info.torch = runtime.environment().torchVersion;
    p.info.calls = int64_t(calls);
    p.info.plainMs = passes[passes.size() / 2];
    p.info.profiledMs = wallMs;
    p.info.byShapes = options.recorder.shapes;
    return p;
}

void describeAudio(CaptureInfo& info, const std::vector<std::vector<float>>& audio, int sampleRate)
{
    info.utterances = int64_t(audio.size());
    for (const auto& a : audio)
        info.audioSeconds += double(a.size()) / sampleRate;
}

} // namespace

Expected<OperatorProfile> captureProfile(const TorchRuntime& runtime, const std::filesystem::path& package,
                                         const std::vector<std::vector<float>>& audio, const CaptureOptions& options)
{
    auto settings = run::checked(options.settings);
    if (!settings)
        return settings.error();
    if (audio.empty())
        return makeError("no utterances to profile", package.string());
    if (options.onStage)
        options.onStage("loading");
    auto engine = run::engineOptions(*settings);
    engine.cancel = options.cancel;
    auto runner = runtime.openWhisper(package, engine);
    if (!runner)
        return runner.error();
    const whisper::DecodeOptions decode = run::decodeOptions(*settings);
    const auto batches = batchesOf(audio, settings->batch);
    auto call = [&](size_t i) -> Expected<Done> {
        auto out = (*runner)->transcribe(batches[i], decode, options.cancel);
        if (!out)
            return out.error();
        return Done{};
    };
    auto p = capturePasses(runtime, batches.size(), call, settings->warmup, options, package.string());
    if (!p)
        return p.error();
    CaptureInfo& info = p->info;
    info.variant = options.variant.empty() ? package.filename().string() : options.variant;
    info.kind = (*runner)->package().variantKind;
    info.device = (*runner)->device();
    info.dtype = (*runner)->dtype();
    info.settingsJson = run::toJson(*settings);
    describeAudio(info, audio, 16000);
    return p;
}

Expected<OperatorProfile> captureKwsProfile(const TorchRuntime& runtime, const std::filesystem::path& package,
                                            const std::vector<std::vector<float>>& audio, bool stream,
                                            const CaptureOptions& options)
{
    auto settings = run::checked(options.settings);
    if (!settings)
        return settings.error();
    if (audio.empty())
        return makeError(stream ? "no stream to profile" : "no clips to profile", package.string());
    if (options.onStage)
        options.onStage("loading");
    kws::ClassifierOptions load;
    load.threads = settings->threads;
    auto runner = runtime.openKws(package, load);
    if (!runner)
        return runner.error();
    const auto batches = batchesOf(audio, stream ? 1 : settings->batch);
    const int chunk = settings->chunkSamples;
    auto call = [&](size_t i) -> Expected<Done> {
        if (stream) {
            auto out = (*runner)->stream(batches[i].front(), chunk);
            if (!out)
                return out.error();
        } else if (auto out = (*runner)->classify(batches[i]); !out) {
            return out.error();
        }
        return Done{};
    };
    auto p = capturePasses(runtime, batches.size(), call, settings->warmup, options, package.string());
    if (!p)
        return p.error();
    const kws::PackageInfo& info = (*runner)->package();
    CaptureInfo& c = p->info;
    c.variant = options.variant.empty() ? package.filename().string() : options.variant;
    c.kind = info.variantKind;
    c.device = "cpu";
    c.dtype = info.variantKind == "int8" ? "qint8" : "float32";
    c.settingsJson = run::toJson(*settings);
    describeAudio(c, audio, info.sampleRate);
    return p;
}

std::vector<std::vector<float>> decodeUtterances(const std::vector<store::UtteranceRecord>& utterances,
                                                 std::vector<std::string>* skipped, const std::atomic<bool>* cancel)
{
    std::vector<std::vector<float>> out;
    for (const auto& u : utterances) {
        if (cancel && cancel->load())
            break;
        audio::DecodeOptions options;
        options.startSeconds = u.start.value_or(0.0);
        options.endSeconds = u.end.value_or(-1.0);
        auto decoded = audio::decodeAudio(u.audioPath, options);
        if (!decoded) {
            if (skipped)
                skipped->push_back(u.uttId + ": " + decoded.error().describe());
            continue;
        }
        out.push_back(std::move(decoded->samples));
    }
    return out;
}

Expected<OperatorProfile> profileRun(const std::filesystem::path& project, int64_t runId, int64_t utterances,
                                     const std::function<void(const std::string&)>& onStage,
                                     const std::atomic<bool>* cancel, const std::string& conditions)
{
    auto store = store::ProjectStore::open(project, store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    auto run = (*store)->run(runId);
    if (!run)
        return run.error();
    auto card = run::readRunCard(run->cardJson);
    if (!card)
        return card.error();
    if (!card->hasSettings)
        return makeError("run " + std::to_string(runId) + " has no settings in its card");
    const run::RunSettings& settings = card->settings;
    auto variants = (*store)->variants();
    if (!variants)
        return variants.error();
    const auto variant = std::find_if(variants->begin(), variants->end(),
                                      [&](const store::VariantRecord& v) { return v.id == run->variantId; });
    if (variant == variants->end())
        return makeError("run " + std::to_string(runId) + "'s variant is no longer in the project");
    if (!store::trustedHere(*variant))
        return makeError(store::untrustedMessage(*variant, (*store)->path()));
    const bool keywordSpotter = store::variantFacts(variant->manifestJson).family == kws::kFamily;
    auto datasets = (*store)->datasets();
    if (!datasets)
        return datasets.error();
    const auto dataset = std::find_if(datasets->begin(), datasets->end(),
                                      [&](const store::DatasetRecord& d) { return d.id == run->datasetId; });
    const bool stream = dataset != datasets->end() && dataset->format == "kws-stream";
    auto all = (*store)->utterances(run->datasetId);
    if (!all)
        return all.error();
    auto covered = run::runUtterances(std::move(*all), settings.limit);
    if (stream) {
        // A stream is one long utterance: its first `utterances` seconds (at least two) are profiled.
        covered.resize(std::min<size_t>(covered.size(), 1));
        for (auto& u : covered)
            u.end = u.start.value_or(0.0) + double(std::max<int64_t>(2, utterances));
    } else if (utterances > 0 && int64_t(covered.size()) > utterances) {
        covered.resize(size_t(utterances));
    }
    std::vector<std::string> skipped;
    auto audio = decodeUtterances(covered, &skipped, cancel);
    if (cancel && cancel->load())
        return makeError("the profile was cancelled", project.string());
    for (const auto& s : skipped)
        log::get("profile")->warn("left out of the profile: {}", s);
    auto runtime = loadTorchRuntime();
    if (!runtime)
        return runtime.error();
    CaptureOptions options;
    options.settings = settings;
    options.variant = variant->name;
    options.onStage = onStage;
    options.cancel = cancel;
    auto profile = keywordSpotter ? captureKwsProfile(**runtime, variant->packagePath, audio, stream, options)
                                  : captureProfile(**runtime, variant->packagePath, audio, options);
    if (!profile)
        return profile.error();
    profile->info.runId = runId;
    profile->info.conditions = conditions;
    if ((*store)->readOnly()) { // viewing a read-only project: the profile is shown, not kept
        log::get("profile")->warn("the profile of run {} is not stored: {}", runId, (*store)->writable().error().describe());
        return profile;
    }
    if (auto stored = (*store)->addOperatorProfile(runId, toJson(*profile)); !stored)
        return stored.error();
    return profile;
}

} // namespace vox::profile
