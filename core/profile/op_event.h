#pragma once
#include <cstdint>
#include <string>

// One event of libtorch's operator profiler, as core/torch/op_profiler.cpp hands it over:
// torch-free, so that profiles are built, stored and compared in voxbench_core.
namespace vox::profile {

enum class EventKind : uint8_t {
    Operator, // an ATen or custom operator (aten::addmm, quantized::linear_dynamic, ...)
    Frame,    // a TorchScript function frame ("forward", "<forward op>"): interpreter time
    Scope,    // a VoxBench user scope: a stage ("voxbench::encoder") or a named region
    Kernel,   // a device kernel (CUDA builds with Kineto): device time, not CPU time
};

struct OpEvent {
    std::string name;
    std::string shapes;     // input shapes as "[1, 80, 600], [192, 80, 3]"; empty when not recorded
    int64_t startUs = 0;    // from the profiler's clock
    int64_t durationUs = 0;
    uint64_t thread = 0;
    int64_t flops = 0;      // 0 where libtorch does not estimate them
    EventKind kind = EventKind::Operator;
};

// The user-scope names the engine opens around its stages (core/whisper/engine.cpp).
inline constexpr const char* kStageFeatures = "voxbench::features";
inline constexpr const char* kStageEncoder = "voxbench::encoder";
inline constexpr const char* kStageDecoder = "voxbench::decoder";

} // namespace vox::profile

namespace vox::profile {

// What core/torch/op_profiler.h records.
struct RecorderOptions {
    bool shapes = true;  // input shapes of each operator (costs a little more per call)
    bool flops = true;   // libtorch's FLOP estimates (matmul, addmm, conv, ...)
    bool device = false; // also device kernels (CUDA builds with Kineto)
};

} // namespace vox::profile
