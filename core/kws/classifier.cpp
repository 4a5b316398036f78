#include "core/kws/classifier.h"

#include "core/kws/package.h"
#include "core/log/log.h"
#include "core/torch/quantized_engine.h"
#include "core/torch/torch_env.h"
#include "core/torch/torch_error.h"
#include "core/torch/torch_warnings.h"

#include <torch/script.h>

#include <algorithm>

namespace vox::kws {

struct ClassifierImpl {
    PackageInfo info;
    ClassifierOptions options;
    torch::jit::Module module;

    // Every call into the module: this thread's warning handler and thread count, inference mode.
    void prepare() const
    {
        installTorchWarningHandler();
        if (options.threads > 0)
            setIntraOpThreads(options.threads);
    }
};

struct StreamSession::State {
    std::shared_ptr<ClassifierImpl> impl;
    int chunk = 0;
    torch::Tensor state;
    std::vector<float> pending; // samples of the chunk not yet complete
    int64_t done = 0;
};

namespace {

std::string shapeOf(const torch::Tensor& t)
{
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i)
        s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

std::pair<torch::Tensor, torch::Tensor> streamStep(ClassifierImpl& impl, const torch::Tensor& chunk, const torch::Tensor& state)
{
    auto out = impl.module.get_method("stream")({chunk, state});
    if (!out.isTuple() || out.toTupleRef().elements().size() != 2)
        throw std::runtime_error("stream() did not return a (logits, state) pair");
    const auto& items = out.toTupleRef().elements();
    return {items[0].toTensor(), items[1].toTensor()};
}

// Runs the module once on silence and compares the shapes with the manifest.
Expected<Done> checkByRunning(ClassifierImpl& impl)
{
    const PackageInfo& p = impl.info;
    const std::string where = p.filePath(p.modelFile).string();
    torch::InferenceMode guard;
    auto state = impl.module.get_method("init_state")({int64_t(1)}).toTensor();
    if (state.dim() != 2 || state.size(0) != 1 || state.size(1) != p.stateSize)
        return makeError("init_state(1) gave " + shapeOf(state) + ", the manifest's state_size says [1, "
                             + std::to_string(p.stateSize) + "]",
                         where);
    const auto classes = static_cast<int64_t>(p.labels.size());
    auto logits = impl.module.forward({torch::zeros({1, p.clipSamples()})}).toTensor();
    if (logits.dim() != 2 || logits.size(0) != 1 || logits.size(1) != classes)
        return makeError("forward() gave logits of shape " + shapeOf(logits) + " for one clip; the manifest lists "
                             + std::to_string(classes) + " labels",
                         where);
    auto [chunkLogits, next] = streamStep(impl, torch::zeros({1, p.chunkSamples}), state);
    if (chunkLogits.sizes() != logits.sizes() || next.sizes() != state.sizes())
        return makeError("stream() gave logits " + shapeOf(chunkLogits) + " and state " + shapeOf(next) + ", expected "
                             + shapeOf(logits) + " and " + shapeOf(state),
                         where);
    return Done{};
}

} // namespace

StreamSession::StreamSession(std::unique_ptr<State> state) : d(std::move(state)) {}
StreamSession::StreamSession(StreamSession&&) noexcept = default;
StreamSession& StreamSession::operator=(StreamSession&&) noexcept = default;
StreamSession::~StreamSession() = default;

int StreamSession::chunkSamples() const
{
    return d->chunk;
}

int64_t StreamSession::chunksDone() const
{
    return d->done;
}

Expected<std::vector<float>> StreamSession::push(const float* samples, size_t count)
{
    ClassifierImpl& impl = *d->impl;
    std::vector<float> scores;
    d->pending.insert(d->pending.end(), samples, samples + count);
    const size_t chunk = static_cast<size_t>(d->chunk);
    const size_t whole = d->pending.size() / chunk;
    if (whole == 0)
        return scores;
    impl.prepare();
    try {
        torch::InferenceMode guard;
        for (size_t i = 0; i < whole; ++i) {
            auto input = torch::from_blob(d->pending.data() + i * chunk, {1, int64_t(chunk)}, torch::kFloat32);
            auto [logits, next] = streamStep(impl, input, d->state);
            d->state = next;
            scores.push_back(torch::softmax(logits, 1)[0][impl.info.keywordIndex].item<float>());
            ++d->done;
        }
    } catch (const std::exception& e) {
        return makeError(torchMessage(e), impl.info.folder.string() + " stream()");
    }
    d->pending.erase(d->pending.begin(), d->pending.begin() + static_cast<std::ptrdiff_t>(whole * chunk));
    return scores;
}

Classifier::Classifier(std::shared_ptr<ClassifierImpl> impl) : d(std::move(impl)) {}
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

Expected<Classifier> Classifier::load(const std::filesystem::path& folder, const ClassifierOptions& options)
{
    auto info = readPackage(folder, options.verifyChecksums);
    if (!info)
        return info.error();
    auto impl = std::make_shared<ClassifierImpl>();
    impl->info = std::move(*info);
    impl->options = options;
    const auto path = impl->info.filePath(impl->info.modelFile);
    impl->prepare();
    try {
        // int8: with its engine current while it loads, as packed weights are made for the engine
        // current then (held: another thread may load another package meanwhile).
        std::unique_lock<std::mutex> engineLock(quantizedEngineMutex(), std::defer_lock);
        if (impl->info.variantKind == "int8") {
            engineLock.lock();
            if (auto engine = selectQuantizedEngine(impl->info.quantizationEngine, folder.string()); !engine)
                return engine.error();
        }
        impl->module = torch::jit::load(path.string(), torch::kCPU);
        impl->module.eval();
    } catch (const std::exception& e) {
        return makeError("not a loadable TorchScript module: " + torchMessage(e), path.string());
    }
    for (const char* method : {"forward", "init_state", "stream"})
        if (!impl->module.find_method(method))
            return makeError(std::string("the module has no method '") + method + "' (a KWS package needs forward, "
                                 "init_state and stream)",
                             path.string());
    try {
        auto checked = checkByRunning(*impl);
        if (!checked)
            return checked.error();
    } catch (const std::exception& e) {
        return makeError("the module fails on silence: " + torchMessage(e), path.string());
    }
    log::get("torch")->debug("loaded KWS package {} ({}, {} parameters)", folder.string(), impl->info.variantKind,
                             impl->info.parameterCount);
    return Classifier(std::move(impl));
}

Expected<std::vector<ClipResult>> Classifier::classify(const std::vector<std::vector<float>>& clips)
{
    std::vector<ClipResult> results;
    if (clips.empty())
        return results;
    const int64_t n = d->info.clipSamples();
    auto batch = torch::zeros({int64_t(clips.size()), n});
    for (size_t i = 0; i < clips.size(); ++i) {
        const int64_t len = std::min<int64_t>(n, static_cast<int64_t>(clips[i].size()));
        std::copy(clips[i].begin(), clips[i].begin() + len, batch[int64_t(i)].data_ptr<float>());
    }
    d->prepare();
    try {
        torch::InferenceMode guard;
        auto probs = torch::softmax(d->module.forward({batch}).toTensor(), 1).contiguous();
        const int64_t classes = probs.size(1);
        for (int64_t i = 0; i < probs.size(0); ++i) {
            ClipResult r;
            const float* row = probs[i].data_ptr<float>();
            r.probabilities.assign(row, row + classes);
            r.predicted = static_cast<int>(std::max_element(row, row + classes) - row);
            results.push_back(std::move(r));
        }
    } catch (const std::exception& e) {
        return makeError(torchMessage(e), d->info.folder.string() + " forward()");
    }
    return results;
}

Expected<StreamSession> Classifier::openStream(int chunkSamples)
{
    const int chunk = chunkSamples == 0 ? d->info.chunkSamples : chunkSamples;
    if (chunk <= 0 || chunk % d->info.hopSamples != 0)
        return makeError("chunk of " + std::to_string(chunk) + " samples is not a positive multiple of the hop ("
                             + std::to_string(d->info.hopSamples) + " samples)",
                         d->info.folder.string());
    auto state = std::make_unique<StreamSession::State>();
    state->impl = d;
    state->chunk = chunk;
    d->prepare();
    try {
        torch::InferenceMode guard;
        state->state = d->module.get_method("init_state")({int64_t(1)}).toTensor();
    } catch (const c10::Error& e) {
        return makeError(torchMessage(e), d->info.folder.string() + " init_state()");
    }
    return StreamSession(std::move(state));
}

Expected<StreamResult> Classifier::stream(const std::vector<float>& audio, int chunkSamples)
{
    auto session = openStream(chunkSamples);
    if (!session)
        return session.error();
    auto scores = session->push(audio.data(), audio.size());
    if (!scores)
        return scores.error();
    StreamResult result;
    result.keywordScores = std::move(*scores);
    result.chunkSamples = session->chunkSamples();
    result.sampleRate = d->info.sampleRate;
    return result;
}

const PackageInfo& Classifier::package() const
{
    return d->info;
}

} // namespace vox::kws
