#pragma once
#include <cstdint>
#include <string>
#include <vector>

// libtorch warnings (TORCH_WARN, warnings.warn in TorchScript) are per-thread and some fire on
// every call (QNNPACK's reduce_range warning does). VoxBench routes them to the "torch" logger,
// each distinct message once, and counts the repeats.
namespace vox {

struct TorchWarningCount {
    std::string message;
    std::string source; // "file:line" inside torch, or the TorchScript function
    int64_t count = 0;
};

// Installs the de-duplicating handler on the calling thread. Call it on every thread that
// runs torch code (each worker, once); it is cheap to call again.
void installTorchWarningHandler();

// Every distinct warning seen since start (or since reset), in first-seen order.
std::vector<TorchWarningCount> torchWarningCounts();
void resetTorchWarningCounts();

} // namespace vox
