#include "core/torch/torch_env.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <cctype>

namespace vox {
namespace {

std::string engineName(at::QEngine engine)
{
    if (engine == at::QEngine::NoQEngine)
        return "none";
    std::string name = c10::toString(engine); // "QNNPACK", "ONEDNN", ...
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

} // namespace

TorchEnvironment torchEnvironment()
{
    // Read once: the default thread count must be taken before anything changes it.
    static const int defaultThreads = at::get_num_threads();

    TorchEnvironment env;
    env.torchVersion = TORCH_VERSION;
    env.cudaCompiledIn = at::hasCUDA();
    env.defaultIntraOpThreads = defaultThreads;
    env.devices.push_back({"cpu", "CPU"});
    const int cudaCount = env.cudaCompiledIn ? static_cast<int>(torch::cuda::device_count()) : 0;
    for (int i = 0; i < cudaCount; ++i)
        env.devices.push_back({"cuda:" + std::to_string(i), "CUDA device " + std::to_string(i)});
    for (at::QEngine engine : at::globalContext().supportedQEngines())
        env.quantizationEngines.push_back(engineName(engine));
    env.parallelInfo = at::get_parallel_info();
    return env;
}

int setIntraOpThreads(int threads)
{
    if (threads > 0 && at::get_num_threads() != threads)
        at::set_num_threads(threads);
    return at::get_num_threads();
}

int intraOpThreads()
{
    return at::get_num_threads();
}

} // namespace vox
