#pragma once
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
};

TorchEnvironment torchEnvironment();

// Sets the intra-op thread count of the calling thread's torch work (a per-worker setting).
// Returns the count torch reports afterwards.
int setIntraOpThreads(int threads);
int intraOpThreads();

} // namespace vox
