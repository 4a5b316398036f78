#pragma once
// The libtorch environment (version, devices, threads, BLAS), read once per process: counting
// CUDA devices initialises CUDA, which takes seconds, so it is never done on the UI thread.
// Blocking on first use: call it in a job (app/jobs/job.h); later calls return at once.
#include "core/torch/torch_env.h"

namespace vox::app {

const TorchEnvironment& torchEnvironmentOnce();

} // namespace vox::app
