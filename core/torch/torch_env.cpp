#include "core/torch/torch_env.h"

#include "core/torch/quantized_engine.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <algorithm>
#include <cctype>

namespace vox {
namespace {

// OpenBLAS's own report, looked up in the libraries already loaded (libtorch's BLAS).
std::string openBlasText(const char* symbol)
{
    using Fn = char* (*)();
    auto fn = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, symbol));
    const char* text = fn ? fn() : nullptr;
    std::string out = text ? text : "";
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back())))
        out.pop_back();
    return out;
}

std::string vectorExtensions()
{
    std::string out;
    auto add = [&out](bool has, const char* name) {
        if (has)
            out += (out.empty() ? "" : " ") + std::string(name);
    };
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    add(__builtin_cpu_supports("avx512f"), "avx512f");
    add(__builtin_cpu_supports("avx2"), "avx2");
    add(__builtin_cpu_supports("fma"), "fma");
    add(__builtin_cpu_supports("avx"), "avx");
#else
    (void)add;
#endif
    return out;
}

void describeBlas(TorchEnvironment& env)
{
    env.blasCore = openBlasText("openblas_get_corename");
    env.blasConfig = openBlasText("openblas_get_config");
    env.cpuVectorExtensions = vectorExtensions();
    env.blasWarning = blasKernelWarning(env.blasCore, env.cpuVectorExtensions);
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
    env.quantizationEngines = quantizedEngineNames();
    env.parallelInfo = at::get_parallel_info();
    describeBlas(env);
    return env;
}

std::string blasKernelWarning(const std::string& core, const std::string& cpuExtensions)
{
    // OpenBLAS's x86-64 kernel families from before AVX2.
    static const char* const kOld[] = {"prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai",
                                       "coppermine", "northwood", "banias", "opteron", "barcelona", "bobcat",
                                       "sandybridge", "bulldozer", "piledriver", "steamroller", "excavator"};
    std::string lower = core;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool old = false;
    for (const char* name : kOld)
        old = old || lower == name;
    auto has = [&cpuExtensions](const std::string& name) {
        return (" " + cpuExtensions + " ").find(" " + name + " ") != std::string::npos;
    };
    const bool avx512 = has("avx512f");
    if (!old || !(avx512 || has("avx2")))
        return {};
    return "OpenBLAS runs its " + core + " kernels on a CPU with " + (avx512 ? "AVX-512" : "AVX2")
           + " (it does not recognise this CPU), so matrix products run several times slower than this CPU allows. "
             "Start VoxBench with OPENBLAS_CORETYPE="
           + (avx512 ? "SkylakeX" : "Haswell")
           + " in the environment for the faster kernels; times measured with different kernels are not comparable.";
}

namespace {

thread_local int t_workerThreads = 0;

// OpenBLAS's thread calls, looked up once in the libraries already loaded (libtorch's BLAS);
// null where the BLAS is not OpenBLAS.
struct OpenBlasThreads {
    int (*parallel)() = nullptr; // 0 sequential, 1 pthreads, 2 OpenMP
    int (*get)() = nullptr;
    void (*set)(int) = nullptr;
    std::string pool; // "sequential", "pthreads", "openmp", or ""
};

const OpenBlasThreads& openBlas()
{
    static const OpenBlasThreads api = [] {
        OpenBlasThreads a;
        a.parallel = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        a.get = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        a.set = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        if (a.parallel) {
            const int kind = a.parallel();
            a.pool = kind == 0 ? "sequential" : kind == 1 ? "pthreads" : "openmp";
        }
        return a;
    }();
    return api;
}

} // namespace

ThreadPools setIntraOpThreads(int threads)
{
    const OpenBlasThreads& blas = openBlas();
    ThreadPools plan = planThreadPools(threads, blas.pool);
    if (threads <= 0) { // left as they are: what the pools have
        plan.threads = intraOpThreads();
        plan.torchIntraOp = at::get_num_threads();
        plan.blas = blas.pool.empty() || !blas.get ? 0 : blas.get();
        return plan;
    }
    // Always, also when at::get_num_threads() already says so: set_num_threads also sizes the
    // pthreadpool QNNPACK's int8 kernels run on, which otherwise keeps one thread per core. With
    // OpenMP reporting 1 thread (as on some machines by default) that pool kept 2 threads, and
    // with the other core busy every int8 call spin-waited for its worker: 4 ms became 800.
    at::set_num_threads(plan.torchIntraOp);
    if (plan.blas > 0 && plan.blasPool != "sequential" && blas.set)
        blas.set(plan.blas);
    t_workerThreads = plan.threads;
    plan.torchIntraOp = at::get_num_threads();
    return plan;
}

int intraOpThreads()
{
    return t_workerThreads > 0 ? t_workerThreads : at::get_num_threads();
}

} // namespace vox
