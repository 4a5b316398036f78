// The checks a Whisper package gets at load, after its modules are loaded: weight shapes against
// the manifest's dims, then (EngineOptions::checkByRunning) one run of the encoder and the
// decoder's methods on zeros. The torch-free checks of the manifest are in package.cpp.
#include "core/whisper/runner_state.h"

#include <optional>
#include <sstream>

namespace vox::whisper::detail {

namespace {

std::string shapeText(at::IntArrayRef sizes)
{
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
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

} // namespace

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
                             + ", " + std::to_string(2 * d.nAudioCtx) + "] in " + dtypeName(e.dtype) + " on " + e.device.str() + ": " + torchMessage(ex)
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
        return makeError("the decoder does not run with the manifest's shapes: " + torchMessage(ex), decoderFile);
    }
    return Done{};
}

} // namespace vox::whisper::detail
