// The entry point core/torch/torch_runtime.cpp looks up with dlsym.
#include "core/torch/torch_runtime.h"

extern "C" __attribute__((visibility("default"))) const vox::TorchRuntime* voxbench_torch_runtime()
{
    static const vox::TorchRuntime runtime{&vox::torchEnvironment, &vox::setIntraOpThreads};
    return &runtime;
}
