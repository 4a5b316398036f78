#include "core/whisper/model_runner.h"

#include "core/log/log.h"
#include "core/torch/quantized_engine.h"
#include "core/whisper/runner_state.h"

#include <torch/cuda.h>
#ifdef VOXBENCH_TORCH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <cstring>
#include <utility>

// Loading a package's modules (device, dtype, quantized engine, freezing, the vocabulary
// projection), encoding, and the runner's accessors. The load checks are in runner_checks.cpp,
// the decoder session in torch_session.cpp.
namespace vox::whisper {

using namespace detail;

namespace {

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
        return makeError("device '" + text + "': " + torchMessage(e));
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
                             + torchMessage(e),
                         path.string());
    } catch (const std::exception& e) {
        return makeError("not a loadable TorchScript module: " + torchMessage(e), path.string());
    }
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

const PackageInfo& ModelRunner::package() const
{
    return d->info;
}

ModelRunner ModelRunner::share() const
{
    auto impl = std::make_unique<Impl>(*d); // module handles, tensors and the projection: shared
    impl->forwardMs = 0;
    return ModelRunner(std::move(impl));
}

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
        // Each module is loaded with its engine current (the packed weights are made for the
        // engine current then, and run with it whatever is current later); an engine this
        // libtorch lacks (oneDNN on ARM) gives way to QNNPACK, and the runner's package says so.
        for (std::string* engine : {&impl->info.encoderEngine, &impl->info.decoderEngine}) {
            const std::string wanted = *engine;
            *engine = availableQuantizedEngine(wanted);
            if (engine->empty())
                return makeError("this libtorch has no quantized engine, which int8 packages need", where);
            if (*engine != wanted)
                log::get("torch")->warn("{}: this libtorch has no {} quantized engine; the module is loaded with {} "
                                        "(its results differ from the package's engine's)",
                                        where, wanted, *engine);
        }
    }
    const bool int8 = p.variantKind == "int8";
    auto loadWith = [&](const std::filesystem::path& file, const std::string& engine) -> Expected<torch::jit::Module> {
        if (!int8)
            return loadModule(file, impl->device);
        const std::lock_guard lock(quantizedEngineMutex());
        if (auto selected = selectQuantizedEngine(engine, where); !selected)
            return selected.error();
        return loadModule(file, impl->device);
    };
    if (p.variantKind == "frozen" && impl->dtype != torch::kFloat32)
        return makeError("frozen packages have their weights folded into constants and cannot be cast to "
                             + std::string(dtypeName(impl->dtype)),
                         where);

    // A load takes seconds for a real checkpoint: a stop request is honoured between its steps.
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    const Error stopped = makeError("cancelled while the model was loaded", where);
    auto encoder = loadWith(p.filePath(p.files.encoder), p.encoderEngine);
    if (!encoder)
        return encoder.error();
    if (cancelled())
        return stopped;
    auto decoder = loadWith(p.filePath(p.files.decoder), p.decoderEngine);
    if (!decoder)
        return decoder.error();
    if (cancelled())
        return stopped;
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
        return makeError(std::string("cannot cast the modules to ") + dtypeName(impl->dtype) + ": " + torchMessage(e), where);
    }
    if (auto ok = checkWeights(*impl); !ok)
        return ok.error();
    if (cancelled())
        return stopped;
    if (options.checkByRunning) {
        if (auto ok = runCheck(*impl); !ok)
            return ok.error();
        if (cancelled())
            return stopped;
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
            return makeError("cannot optimize the modules for inference: " + torchMessage(e), where);
        }
    }
    try {
        setUpProjection(*impl);
    } catch (const std::exception& e) {
        return makeError("cannot set up the vocabulary projection: " + torchMessage(e), p.filePath(p.files.decoder).string());
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
        return makeError("encoder: " + torchMessage(e), d->info.filePath(d->info.files.encoder).string());
    }
}

Expected<std::unique_ptr<DecoderSession>> ModelRunner::startDecoder(const EncodedAudio& audio,
                                                                    const std::vector<int64_t>& prompt, int64_t maxLen,
                                                                    RssProbe& probe)
{
    return startSession(*d, probe, audio.d->features, prompt, maxLen);
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
