#include "core/whisper/model_runner.h"

#include "core/log/log.h"
#include "core/torch/log_mel.h"
#include "core/torch/op_profiler.h"
#include "core/whisper/memory_probe.h"
#include "core/whisper/vocab_projection.h"

#include <torch/cuda.h>
#include <torch/script.h>
#ifdef VOXBENCH_TORCH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <algorithm>
#include <cstring>
#include <chrono>
#include <utility>
#include <limits>
#include <optional>
#include <sstream>

namespace vox::whisper {

namespace {

// The engine's own vocabulary projection, as it appears in operator profiles.
constexpr const char* kProjectionScope = "voxbench::vocab_projection";

// What a runner holds (a namespace-scope type, so the helpers below can take it).
struct RunnerState {
    PackageInfo info;
    torch::jit::Module encoder;
    torch::jit::Module decoder;
    torch::Device device{torch::kCPU};
    torch::ScalarType dtype = torch::kFloat32;
    torch::Tensor suppress, beginSuppress; // int64 ids on the device
    double forwardMs = 0; // time inside the modules' methods since the last takeForwardMs()
    // The engine's own vocabulary projection (vocab_projection.h): set when the decoder has
    // step_hidden and logit_weight, the run is float32 on the CPU and a packed product equals
    // the package's torch.matmul; otherwise null, and `step` gives the logits. `blocked`: the
    // suppressed ids as a mask (blockedFirst: with the begin suppression), for its argmax.
    std::shared_ptr<VocabProjection> projection;
    std::vector<char> blocked, blockedFirst;
};

// Optional decoder methods (docs/MODEL-PACKAGE.md): both or neither.
bool hasHiddenStep(const torch::jit::Module& decoder)
{
    return decoder.find_method("step_hidden").has_value() && decoder.find_method("logit_weight").has_value();
}

// Sets up RunnerState::projection where the package, device, dtype and CPU allow it.
void setUpProjection(RunnerState& e)
{
    auto log = log::get("torch");
    const std::string where = e.info.folder.string();
    const ModelDims& d = e.info.dims;
    if (!hasHiddenStep(e.decoder) || !e.device.is_cpu() || e.dtype != torch::kFloat32) {
        log->debug("{}: vocabulary logits from the decoder's step", where);
        return;
    }
    torch::InferenceMode guard;
    auto weight = e.decoder.run_method("logit_weight").toTensor().contiguous();
    if (weight.sizes() != at::IntArrayRef({d.nVocab, d.nTextState}) || weight.scalar_type() != torch::kFloat32)
        return;
    // What step does with its final states x [rows, 1, D]: torch.matmul(x, W.t()).
    auto reference = [weight](const float* hidden, int64_t rows, float* out) {
        torch::InferenceMode guard;
        auto x = torch::from_blob(const_cast<float*>(hidden), {rows, 1, weight.size(1)}, torch::kFloat32);
        auto logits = torch::matmul(x, weight.t()).contiguous();
        std::memcpy(out, logits.data_ptr<float>(), sizeof(float) * static_cast<size_t>(logits.numel()));
    };
    e.projection = VocabProjection::calibrate(weight.data_ptr<float>(), d.nVocab, d.nTextState, reference);
    if (!e.projection) {
        log->info("{}: no packed product equals torch.matmul on this CPU; vocabulary logits from the decoder's step",
                  where);
        return;
    }
    log->info("{}: vocabulary logits from a packed copy of the token embedding (K blocks {}, equal to torch.matmul)",
              where, e.projection->describeBlocks());
    auto mask = [&](std::initializer_list<const std::vector<int64_t>*> lists) {
        std::vector<char> out(static_cast<size_t>(d.nVocab), 0);
        for (const auto* ids : lists)
            for (const int64_t id : *ids) {
                if (id < 0 || id >= d.nVocab)
                    return std::vector<char>(); // index_fill's error, through the logits path
                out[static_cast<size_t>(id)] = 1;
            }
        return out;
    };
    e.blocked = mask({&e.info.suppressTokens});
    e.blockedFirst = mask({&e.info.suppressTokens, &e.info.beginSuppressTokens});
}

// Adds the time of a module call to RunnerState::forwardMs: the "inside the model" part of the
// engine's time. On CUDA the calls are asynchronous, so this counts launch time there.
class ForwardTimer {
public:
    explicit ForwardTimer(double& total) : m_total(total), m_start(std::chrono::steady_clock::now()) {}
    ~ForwardTimer()
    {
        m_total += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    double& m_total;
    std::chrono::steady_clock::time_point m_start;
};

// torch's messages carry a TorchScript traceback or a C++ backtrace; keep the line that says
// what failed (after the interpreter's "Error: " when there is a traceback).
std::string oneLine(const std::string& text)
{
    std::string line = text;
    if (const auto at = text.rfind("Error: "); at != std::string::npos && text.find("TorchScript") != std::string::npos)
        line = text.substr(at + 7);
    const auto end = line.find('\n');
    return end == std::string::npos ? line : line.substr(0, end);
}

std::string shapeText(at::IntArrayRef sizes)
{
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

const char* dtypeName(torch::ScalarType t)
{
    return t == torch::kFloat16 ? "float16" : t == torch::kBFloat16 ? "bfloat16" : "float32";
}

Expected<torch::Device> parseDevice(const std::string& text)
{
    if (text == "cpu")
        return torch::Device(torch::kCPU);
    if (text.rfind("cuda", 0) != 0)
        return makeError("unknown device '" + text + "' (use cpu, cuda or cuda:N)");
    if (!torch::cuda::is_available())
        return makeError("device '" + text + "' asked for, but this libtorch has no CUDA support or no GPU is visible");
    try {
        torch::Device device(text);
        if (device.has_index() && device.index() >= static_cast<int>(torch::cuda::device_count()))
            return makeError("device '" + text + "' does not exist (" + std::to_string(torch::cuda::device_count())
                             + " CUDA devices)");
        return device;
    } catch (const std::exception& e) {
        return makeError("device '" + text + "': " + oneLine(e.what()));
    }
}

Expected<torch::ScalarType> chooseDtype(const std::string& option, const PackageInfo& info, bool onCpu)
{
    std::string want = option;
    if (option == "auto") {
        want = info.dtypeAtLoad.value_or("float32");
        // As the reference's --dtype auto: torch 1.13 has no float16 convolution on CPU.
        if (want == "float16" && onCpu) {
            log::get("torch")->info("{}: float16-marked package runs in float32 on the CPU", info.folder.string());
            want = "float32";
        }
    }
    if (want == "float32")
        return torch::kFloat32;
    if (want == "float16")
        return torch::kFloat16;
    if (want == "bfloat16")
        return torch::kBFloat16;
    return makeError("unknown dtype '" + option + "' (use auto, float32, float16 or bfloat16)");
}

Expected<torch::jit::Module> loadModule(const std::filesystem::path& path, torch::Device device)
{
    try {
        auto module = torch::jit::load(path.string(), device);
        module.eval();
        return module;
    } catch (const c10::Error& e) {
        return makeError("not a loadable TorchScript module (damaged or not exported by VoxBench): "
                             + oneLine(e.what_without_backtrace()),
                         path.string());
    } catch (const std::exception& e) {
        return makeError("not a loadable TorchScript module: " + oneLine(e.what()), path.string());
    }
}

std::optional<torch::Tensor> namedTensor(const torch::jit::Module& module, const std::string& name)
{
    for (const auto& p : module.named_parameters())
        if (p.name == name)
            return p.value;
    for (const auto& b : module.named_buffers())
        if (b.name == name)
            return b.value;
    return std::nullopt;
}

// Weight shapes against the manifest's dims (frozen modules have folded their weights into
// constants: nothing to look at, the run check covers them).
Expected<Done> checkWeights(const RunnerState& e)
{
    const ModelDims& d = e.info.dims;
    struct Want {
        const torch::jit::Module* module;
        const std::string* file;
        const char* name;
        std::vector<int64_t> shape;
        const char* dims;
    };
    const Want wants[] = {
        {&e.encoder, &e.info.files.encoder, "conv1.weight", {d.nAudioState, d.nMels, 3}, "[n_audio_state, n_mels, 3]"},
        {&e.encoder, &e.info.files.encoder, "positional_embedding", {d.nAudioCtx, d.nAudioState}, "[n_audio_ctx, n_audio_state]"},
        {&e.decoder, &e.info.files.decoder, "token_embedding.weight", {d.nVocab, d.nTextState}, "[n_vocab, n_text_state]"},
        {&e.decoder, &e.info.files.decoder, "positional_embedding", {d.nTextCtx, d.nTextState}, "[n_text_ctx, n_text_state]"},
    };
    for (const auto& w : wants) {
        const auto tensor = namedTensor(*w.module, w.name);
        if (!tensor)
            continue;
        if (tensor->sizes() != at::IntArrayRef(w.shape))
            return makeError(std::string("incompatible shapes: ") + w.name + " is " + shapeText(tensor->sizes())
                                 + ", but the manifest's dims " + w.dims + " say " + shapeText(w.shape),
                             e.info.filePath(*w.file).string());
    }
    return Done{};
}

torch::Tensor prompTensor(const std::vector<int64_t>& prompt, int64_t rows, torch::Device device)
{
    auto one = torch::tensor(prompt, torch::kInt64).unsqueeze(0);
    return one.expand({rows, static_cast<int64_t>(prompt.size())}).contiguous().to(device);
}

// One batch of decoder rows for the search (docs/MODEL-PACKAGE.md, "Decoder").
class TorchSession final : public DecoderSession {
public:
    TorchSession(RunnerState& e, RssProbe& probe) : m_e(e), m_probe(probe) {}

    // cross_kv, init_self_kv and the prompt call.
    Expected<Done> start(const torch::Tensor& audio, const std::vector<int64_t>& prompt, int64_t maxLen)
    {
        return guarded("cross_kv/init_self_kv/step", [&] {
            {
                ForwardTimer timer(m_e.forwardMs);
                m_cross1 = m_e.decoder.run_method("cross_kv", audio).toTensor();
                m_cross = m_cross1;
                m_self = m_e.decoder.run_method("init_self_kv", m_cross, maxLen).toTensor();
            }
            run(prompTensor(prompt, audio.size(0), m_e.device), 0);
        });
    }

    Expected<std::vector<int64_t>> argmax(bool firstStep) override
    {
        // One row after step_hidden: the projection's argmax, which computes exactly only the
        // logits that can be the largest.
        if (!m_last.defined() && m_hidden.defined() && m_hidden.size(0) == 1) {
            std::optional<int64_t> id;
            auto ok = guarded("argmax", [&] {
                ForwardTimer timer(m_e.forwardMs);
                profile::Scope scope(kProjectionScope);
                id = m_e.projection->argmax(m_hidden.data_ptr<float>(), firstStep ? m_e.blockedFirst : m_e.blocked);
            });
            if (!ok)
                return ok.error();
            if (id)
                return std::vector<int64_t>{*id};
        }
        std::vector<int64_t> out;
        auto ok = guarded("argmax", [&] {
            auto ids = torch::argmax(modified(firstStep), -1).to(torch::kCPU).contiguous();
            out.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
        });
        if (!ok)
            return ok.error();
        return out;
    }

    Expected<std::vector<std::vector<TokenLogProb>>> best(bool firstStep, int count) override
    {
        std::vector<std::vector<TokenLogProb>> out;
        auto ok = guarded("log_softmax", [&] {
            auto logp = torch::log_softmax(modified(firstStep).to(torch::kFloat32), -1).to(torch::kCPU).contiguous();
            const int64_t vocab = logp.size(1);
            std::vector<int64_t> ids(static_cast<size_t>(vocab));
            for (int64_t r = 0; r < logp.size(0); ++r) {
                const float* v = logp.data_ptr<float>() + r * vocab;
                for (int64_t i = 0; i < vocab; ++i)
                    ids[static_cast<size_t>(i)] = i;
                const auto n = std::min<int64_t>(count, vocab);
                // Descending, ties by lower id: what a stable descending sort puts first.
                std::partial_sort(ids.begin(), ids.begin() + n, ids.end(), [v](int64_t a, int64_t b) {
                    return v[a] > v[b] || (v[a] == v[b] && a < b);
                });
                std::vector<TokenLogProb> row;
                for (int64_t k = 0; k < n; ++k)
                    row.push_back({v[ids[static_cast<size_t>(k)]], ids[static_cast<size_t>(k)]});
                out.push_back(std::move(row));
            }
        });
        if (!ok)
            return ok.error();
        return out;
    }

    Expected<Done> step(const std::vector<int64_t>& tokens, int offset, const std::vector<int64_t>& sourceRows) override
    {
        return guarded("step", [&] {
            const auto rows = static_cast<int64_t>(tokens.size());
            if (!sourceRows.empty()) {
                m_self = m_self.index_select(2, torch::tensor(sourceRows, torch::kInt64).to(m_e.device));
                if (m_cross.size(2) != rows)
                    m_cross = m_cross1.expand({-1, -1, rows, -1, -1}).contiguous();
            }
            const auto next = torch::tensor(tokens, torch::kInt64).view({rows, 1}).to(m_e.device);
            if (m_e.projection)
                runHidden(next, offset);
            else
                run(next, offset);
        });
    }

private:
    template <typename F>
    Expected<Done> guarded(const char* what, F&& body)
    {
        try {
            torch::InferenceMode guard;
            body();
            return Done{};
        } catch (const c10::Error& e) {
            return makeError(std::string("decoder ") + what + ": " + oneLine(e.what_without_backtrace()),
                             m_e.info.filePath(m_e.info.files.decoder).string());
        } catch (const std::exception& e) {
            return makeError(std::string("decoder ") + what + ": " + oneLine(e.what()),
                             m_e.info.filePath(m_e.info.files.decoder).string());
        }
    }

    void run(const torch::Tensor& tokens, int64_t offset)
    {
        c10::intrusive_ptr<c10::ivalue::Tuple> out;
        {
            ForwardTimer timer(m_e.forwardMs);
            out = m_e.decoder.run_method("step", tokens, m_cross, m_self, offset).toTuple();
        }
        m_last = out->elements()[0].toTensor().select(1, -1);
        m_self = out->elements()[1].toTensor();
        m_hidden = torch::Tensor();
        m_probe.sample();
    }

    // step_hidden (one token per row); the logits come from the engine's projection when asked.
    void runHidden(const torch::Tensor& tokens, int64_t offset)
    {
        {
            ForwardTimer timer(m_e.forwardMs);
            auto out = m_e.decoder.run_method("step_hidden", tokens, m_cross, m_self, offset).toTuple();
            m_self = out->elements()[1].toTensor();
            m_hidden = out->elements()[0].toTensor().select(1, -1).contiguous();
            m_last = torch::Tensor();
        }
        m_probe.sample();
    }

    // The last logits [rows, n_vocab], projected from m_hidden on first use after step_hidden.
    const torch::Tensor& last()
    {
        if (!m_last.defined()) {
            ForwardTimer timer(m_e.forwardMs);
            profile::Scope scope(kProjectionScope);
            m_last = torch::empty({m_hidden.size(0), m_e.projection->vocab()}, torch::kFloat32);
            m_e.projection->logits(m_hidden.data_ptr<float>(), m_hidden.size(0), m_last.data_ptr<float>());
        }
        return m_last;
    }

    torch::Tensor modified(bool firstStep)
    {
        constexpr float ninf = -std::numeric_limits<float>::infinity();
        auto logits = last().clone();
        logits.index_fill_(-1, m_e.suppress, ninf);
        if (firstStep)
            logits.index_fill_(-1, m_e.beginSuppress, ninf);
        return logits;
    }

    RunnerState& m_e;
    RssProbe& m_probe;
    torch::Tensor m_cross1, m_cross, m_self, m_last, m_hidden; // m_hidden: [rows, D] after step_hidden
};

// The checks docs/MODEL-PACKAGE.md asks for, on zeros: encoder output, cache widths, logits.
Expected<Done> runCheck(RunnerState& e)
{
    const ModelDims& d = e.info.dims;
    const std::string encoderFile = e.info.filePath(e.info.files.encoder).string();
    const std::string decoderFile = e.info.filePath(e.info.files.decoder).string();
    const auto opts = torch::TensorOptions().dtype(e.dtype).device(e.device);
    torch::InferenceMode guard;
    torch::Tensor audio;
    try {
        audio = e.encoder.forward({torch::zeros({1, d.nMels, 2 * d.nAudioCtx}, opts)}).toTensor();
    } catch (const std::exception& ex) {
        return makeError(std::string("the encoder does not run on a mel of shape [1, ") + std::to_string(d.nMels)
                             + ", " + std::to_string(2 * d.nAudioCtx) + "] in " + dtypeName(e.dtype) + " on " + e.device.str() + ": " + oneLine(ex.what())
                             + (e.dtype == torch::kFloat16 && e.device.is_cpu()
                                    ? " (this libtorch has no float16 convolution on the CPU: use dtype auto or "
                                      "float32 there, or a CUDA device)"
                                    : ""),
                         encoderFile);
    }
    const std::vector<int64_t> wantAudio{1, d.nAudioCtx, d.nAudioState};
    if (audio.sizes() != at::IntArrayRef(wantAudio))
        return makeError("incompatible shapes: the encoder returns " + shapeText(audio.sizes()) + ", the manifest's dims say "
                             + shapeText(wantAudio) + " ([1, n_audio_ctx, n_audio_state])",
                         encoderFile);
    const auto prompt = e.info.prompt(e.info.languageToken("en").value_or(e.info.special.transcribe), e.info.special.transcribe);
    const auto p = static_cast<int64_t>(prompt.size());
    try {
        auto cross = e.decoder.run_method("cross_kv", audio).toTensor();
        const std::vector<int64_t> wantCross{d.nTextLayer, 2, 1, d.nAudioCtx, e.info.shapes.crossKvWidth};
        if (cross.sizes() != at::IntArrayRef(wantCross))
            return makeError("incompatible shapes: cross_kv returns " + shapeText(cross.sizes()) + ", the manifest says "
                                 + shapeText(wantCross) + " ([n_text_layer, 2, B, n_audio_ctx, shapes.cross_kv_width])",
                             decoderFile);
        auto self = e.decoder.run_method("init_self_kv", cross, p + 1).toTensor();
        const std::vector<int64_t> wantSelf{d.nTextLayer, 2, 1, p + 1, e.info.shapes.selfKvWidth};
        if (self.sizes() != at::IntArrayRef(wantSelf))
            return makeError("incompatible shapes: init_self_kv returns " + shapeText(self.sizes()) + ", the manifest says "
                                 + shapeText(wantSelf) + " ([n_text_layer, 2, B, max_len, shapes.self_kv_width])",
                             decoderFile);
        auto out = e.decoder.run_method("step", prompTensor(prompt, 1, e.device), cross, self, int64_t{0}).toTuple();
        auto logits = out->elements()[0].toTensor();
        const std::vector<int64_t> wantLogits{1, p, d.nVocab};
        if (logits.sizes() != at::IntArrayRef(wantLogits))
            return makeError("incompatible shapes: step returns logits " + shapeText(logits.sizes())
                                 + ", the manifest's dims.n_vocab says " + shapeText(wantLogits),
                             decoderFile);
        if (hasHiddenStep(e.decoder)) {
            // step_hidden's states through logit_weight must be step's logits.
            auto fresh = e.decoder.run_method("init_self_kv", cross, p + 1).toTensor();
            auto hidden = e.decoder.run_method("step_hidden", prompTensor(prompt, 1, e.device), cross, fresh, int64_t{0})
                              .toTuple()->elements()[0].toTensor();
            const std::vector<int64_t> wantHidden{1, p, d.nTextState};
            if (hidden.sizes() != at::IntArrayRef(wantHidden))
                return makeError("incompatible shapes: step_hidden returns hidden states " + shapeText(hidden.sizes())
                                     + ", the manifest's dims say " + shapeText(wantHidden) + " ([B, T, n_text_state])",
                                 decoderFile);
            auto weight = e.decoder.run_method("logit_weight").toTensor();
            const std::vector<int64_t> wantWeight{d.nVocab, d.nTextState};
            if (weight.sizes() != at::IntArrayRef(wantWeight))
                return makeError("incompatible shapes: logit_weight returns " + shapeText(weight.sizes())
                                     + ", the manifest's dims say " + shapeText(wantWeight) + " ([n_vocab, n_text_state])",
                                 decoderFile);
            auto again = torch::matmul(hidden, weight.to(hidden.scalar_type()).t()).to(torch::kFloat32);
            if (!torch::allclose(again, logits, 1e-4, 1e-4))
                return makeError("step_hidden and logit_weight do not reproduce step's logits (largest difference "
                                     + std::to_string((again - logits).abs().max().item<double>()) + ")",
                                 decoderFile);
        }
    } catch (const std::exception& ex) {
        return makeError("the decoder does not run with the manifest's shapes: " + oneLine(ex.what()), decoderFile);
    }
    return Done{};
}

torch::Tensor melTensor(const std::vector<float>& mels, int64_t rows, const RunnerState& e)
{
    auto cpu = torch::empty({rows, e.info.dims.nMels, 2 * e.info.dims.nAudioCtx}, torch::kFloat32);
    std::memcpy(cpu.data_ptr<float>(), mels.data(), mels.size() * sizeof(float));
    return cpu.to(e.device, e.dtype);
}

[[maybe_unused]] int cudaIndex(const torch::Device& device)
{
    return device.has_index() ? device.index() : 0;
}

} // namespace

struct ModelRunner::Impl : RunnerState {};

struct EncodedAudio::Impl {
    torch::Tensor features;
};

EncodedAudio::EncodedAudio(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
EncodedAudio::EncodedAudio(EncodedAudio&&) noexcept = default;
EncodedAudio& EncodedAudio::operator=(EncodedAudio&&) noexcept = default;
EncodedAudio::~EncodedAudio() = default;

int64_t EncodedAudio::rows() const
{
    return d->features.size(0);
}

ModelRunner::ModelRunner(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
ModelRunner::ModelRunner(ModelRunner&&) noexcept = default;
ModelRunner& ModelRunner::operator=(ModelRunner&&) noexcept = default;
ModelRunner::~ModelRunner() = default;

Expected<ModelRunner> ModelRunner::load(const PackageInfo& info, const EngineOptions& options)
{
    auto impl = std::make_unique<Impl>();
    impl->info = info;
    const PackageInfo& p = impl->info;
    const std::string where = p.folder.string();
    auto device = parseDevice(options.device);
    if (!device)
        return makeError(device.error().message, where);
    impl->device = *device;
    auto dtype = chooseDtype(options.dtype, p, impl->device.is_cpu());
    if (!dtype)
        return makeError(dtype.error().message, where);
    impl->dtype = *dtype;

    if (p.variantKind == "int8") {
        if (!impl->device.is_cpu())
            return makeError("int8 (dynamically quantized) packages run on the CPU only", where);
        if (impl->dtype != torch::kFloat32)
            return makeError("int8 packages cannot be cast to " + std::string(dtypeName(impl->dtype)), where);
        if (p.quantizationEngine != "qnnpack")
            return makeError("quantization engine '" + p.quantizationEngine + "' is not supported (qnnpack is)", where);
        // Before loading: the packed weights are unpacked for the engine that is current then.
        const auto& engines = at::globalContext().supportedQEngines();
        if (std::find(engines.begin(), engines.end(), at::QEngine::QNNPACK) == engines.end())
            return makeError("this libtorch has no QNNPACK quantization engine, which int8 packages need", where);
        at::globalContext().setQEngine(at::QEngine::QNNPACK);
    }
    if (p.variantKind == "frozen" && impl->dtype != torch::kFloat32)
        return makeError("frozen packages have their weights folded into constants and cannot be cast to "
                             + std::string(dtypeName(impl->dtype)),
                         where);

    auto encoder = loadModule(p.filePath(p.files.encoder), impl->device);
    if (!encoder)
        return encoder.error();
    auto decoder = loadModule(p.filePath(p.files.decoder), impl->device);
    if (!decoder)
        return decoder.error();
    impl->encoder = std::move(*encoder);
    impl->decoder = std::move(*decoder);
    for (const char* method : {"cross_kv", "init_self_kv", "step"})
        if (!impl->decoder.find_method(method))
            return makeError(std::string("the decoder has no method '") + method + "' (not a VoxBench decoder export)",
                             p.filePath(p.files.decoder).string());
    if (impl->decoder.find_method("step_hidden").has_value() != impl->decoder.find_method("logit_weight").has_value())
        return makeError("the decoder has only one of the methods 'step_hidden' and 'logit_weight' (both or neither)",
                         p.filePath(p.files.decoder).string());
    try {
        if (impl->dtype != torch::kFloat32) {
            impl->encoder.to(impl->dtype);
            impl->decoder.to(impl->dtype);
        }
        impl->suppress = torch::tensor(p.suppressTokens, torch::kInt64).to(impl->device);
        impl->beginSuppress = torch::tensor(p.beginSuppressTokens, torch::kInt64).to(impl->device);
    } catch (const std::exception& e) {
        return makeError(std::string("cannot cast the modules to ") + dtypeName(impl->dtype) + ": " + oneLine(e.what()), where);
    }
    if (auto ok = checkWeights(*impl); !ok)
        return ok.error();
    if (options.checkByRunning) {
        if (auto ok = runCheck(*impl); !ok)
            return ok.error();
    }
    if (options.optimize) {
        if (!impl->device.is_cpu() || impl->dtype != torch::kFloat32 || p.variantKind == "int8"
            || p.variantKind == "frozen")
            return makeError("optimize applies to float32 packages on the CPU that are not int8 or already frozen", where);
        try {
            std::vector<std::string> methods{"cross_kv", "init_self_kv", "step"};
            if (hasHiddenStep(impl->decoder))
                methods.insert(methods.end(), {"step_hidden", "logit_weight"});
            auto encoder = torch::jit::freeze(impl->encoder);
            auto decoder = torch::jit::freeze(impl->decoder, methods);
            impl->encoder = torch::jit::optimize_for_inference(encoder);
            impl->decoder = torch::jit::optimize_for_inference(decoder, methods);
        } catch (const std::exception& e) {
            return makeError("cannot optimize the modules for inference: " + oneLine(e.what()), where);
        }
    }
    try {
        setUpProjection(*impl);
    } catch (const std::exception& e) {
        return makeError("cannot set up the vocabulary projection: " + oneLine(e.what()), p.filePath(p.files.decoder).string());
    }
    log::get("torch")->debug("loaded Whisper package {} ({}, {} on {})", where, p.variantKind, dtypeName(impl->dtype),
                             impl->device.str());
    return ModelRunner(std::move(impl));
}

double ModelRunner::takeForwardMs()
{
    return std::exchange(d->forwardMs, 0.0);
}

Expected<EncodedAudio> ModelRunner::encode(const std::vector<float>& mels, int64_t rows)
{
    try {
        torch::InferenceMode guard;
        auto input = melTensor(mels, rows, *d);
        torch::Tensor features;
        {
            ForwardTimer timer(d->forwardMs);
            features = d->encoder.forward({input}).toTensor();
        }
        return EncodedAudio(std::make_unique<EncodedAudio::Impl>(EncodedAudio::Impl{features}));
    } catch (const std::exception& e) {
        return makeError("encoder: " + oneLine(e.what()), d->info.filePath(d->info.files.encoder).string());
    }
}

Expected<std::unique_ptr<DecoderSession>> ModelRunner::startDecoder(const EncodedAudio& audio,
                                                                    const std::vector<int64_t>& prompt, int64_t maxLen,
                                                                    RssProbe& probe)
{
    auto session = std::make_unique<TorchSession>(*d, probe);
    if (auto ok = session->start(audio.d->features, prompt, maxLen); !ok)
        return ok.error();
    return std::unique_ptr<DecoderSession>(std::move(session));
}

void ModelRunner::synchronize()
{
    if (d->device.is_cuda())
        torch::cuda::synchronize(d->device.index());
}

void ModelRunner::resetPeakMemory()
{
#ifdef VOXBENCH_TORCH_CUDA
    if (d->device.is_cuda())
        c10::cuda::CUDACachingAllocator::resetPeakStats(cudaIndex(d->device));
#endif
}

std::optional<int64_t> ModelRunner::devicePeakMemory()
{
#ifdef VOXBENCH_TORCH_CUDA
    if (d->device.is_cuda()) // the aggregate pool's peak: torch.cuda.max_memory_allocated
        return c10::cuda::CUDACachingAllocator::getDeviceStats(cudaIndex(d->device)).allocated_bytes[0].peak;
#endif
    return std::nullopt;
}

std::string ModelRunner::device() const
{
    return d->device.str();
}

std::string ModelRunner::dtype() const
{
    return dtypeName(d->dtype);
}

} // namespace vox::whisper
