#pragma once
// Private to the Whisper engine's libtorch side (model_runner.cpp: loading; runner_checks.cpp:
// the load checks; torch_session.cpp: the decoder session): what a ModelRunner holds and the
// small pieces all three use. Includes torch headers, so it is never included by a public header.
#include "core/torch/torch_error.h"
#include "core/util/expected.h"
#include "core/whisper/package.h"
#include "core/whisper/search.h"
#include "core/whisper/vocab_projection.h"

#include <torch/script.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vox::whisper {

class RssProbe;

namespace detail {

// The engine's own vocabulary projection, as it appears in operator profiles.
inline constexpr const char* kProjectionScope = "voxbench::vocab_projection";

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
inline bool hasHiddenStep(const torch::jit::Module& decoder)
{
    return decoder.find_method("step_hidden").has_value() && decoder.find_method("logit_weight").has_value();
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

inline const char* dtypeName(torch::ScalarType t)
{
    return t == torch::kFloat16 ? "float16" : t == torch::kBFloat16 ? "bfloat16" : "float32";
}

inline torch::Tensor prompTensor(const std::vector<int64_t>& prompt, int64_t rows, torch::Device device)
{
    auto one = torch::tensor(prompt, torch::kInt64).unsqueeze(0);
    return one.expand({rows, static_cast<int64_t>(prompt.size())}).contiguous().to(device);
}

// runner_checks.cpp: weight shapes against the manifest's dims, and one run of every module on
// zeros (docs/MODEL-PACKAGE.md's checks). Errors name the file.
Expected<Done> checkWeights(const RunnerState& e);
Expected<Done> runCheck(RunnerState& e);

// torch_session.cpp: a decoder session over `audio` (cross_kv, init_self_kv(maxLen) and the
// prompt call already made). `e` and `probe` must outlive it.
Expected<std::unique_ptr<DecoderSession>> startSession(RunnerState& e, RssProbe& probe, const torch::Tensor& audio,
                                                       const std::vector<int64_t>& prompt, int64_t maxLen);

} // namespace detail

} // namespace vox::whisper
