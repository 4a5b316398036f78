#pragma once
#include "core/torch/thread_pools.h"

#include <string>
#include <vector>

// Facts about the libtorch VoxBench runs on, recorded in run cards and shown by
// `voxbench-cli env` and the GUI's status bar. Torch-free header; the functions are defined in
// libvoxbench_torch (link voxbench_torch, or reach them through loadTorchRuntime()).
namespace vox {

struct ComputeDevice {
    std::string id;    // "cpu", "cuda:0"
    std::string name;  // a person's name for it
};

struct TorchEnvironment {
    std::string torchVersion;        // e.g. "1.13.1"
    bool cudaCompiledIn = false;      // this libtorch was built with CUDA
    std::vector<ComputeDevice> devices; // always starts with "cpu"
    int defaultIntraOpThreads = 0;    // what libtorch would use if VoxBench did not set it
    std::vector<std::string> quantizationEngines;
    std::string parallelInfo;         // at::get_parallel_info(): OpenMP/MKL/BLAS facts
    // OpenBLAS, when libtorch uses it: its kernel family ("Haswell", "SkylakeX", "Prescott") and
    // build configuration; empty otherwise. The kernels decide how fast every CPU matrix product
    // runs, so they belong in a run's settings.
    std::string blasCore;
    std::string blasConfig;
    std::string cpuVectorExtensions; // what this CPU offers: "avx512f avx2 fma", ...
    // Set when OpenBLAS runs old kernels on a CPU that has far faster ones (OpenBLAS 0.3.21
    // falls back to Prescott on CPUs it does not recognise): what is wrong and what to do.
    std::string blasWarning;
};

TorchEnvironment torchEnvironment();

// The rule behind TorchEnvironment::blasWarning: OpenBLAS kernels from before AVX2 (`core`, as
// openblas_get_corename() names them) on a CPU whose `cpuExtensions` include avx2 or avx512f.
// Empty when nothing is wrong.
std::string blasKernelWarning(const std::string& core, const std::string& cpuExtensions);

// Gives the calling thread's torch work `threads` threads (a per-worker setting, applied before
// each model call): torch's intra-op count for this thread and, when libtorch uses OpenBLAS,
// OpenBLAS's count (process-wide: every worker of a run asks the same). Returns what it set.
ThreadPools setIntraOpThreads(int threads);
// The threads the calling thread was last given (torch's own count when never set here).
int intraOpThreads();

} // namespace vox
