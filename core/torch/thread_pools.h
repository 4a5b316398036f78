#pragma once
// How a worker's CPU threads are spent on libtorch's thread pools: the rule, and its record in
// run cards. Torch-free (voxbench_core); applied by setIntraOpThreads (torch_env.h).
#include <string>

namespace vox {

// How a worker's threads are spent on the thread pools that libtorch's CPU work uses.
//
// Two pools can run a CPU operator in parallel: torch's own (OpenMP, for element-wise work,
// softmax, convolutions through oneDNN, QNNPACK's int8 kernels) and, where libtorch's BLAS is
// OpenBLAS built with its own pthreads pool (Debian's), OpenBLAS's, which runs every float
// matrix product. Each pool's idle threads spin before they sleep, so with both at N threads
// on N cores they take the cores from each other: measured on 2 cores, 2 threads in both made
// the demo model's encoder 2.2x slower than 1. So where OpenBLAS has its own pool it gets the
// threads and torch's stays at 1; where the BLAS runs on OpenMP (MKL, OpenBLAS built with
// OpenMP) the one shared pool gets them.
struct ThreadPools {
    int threads = 0;       // what the worker was given
    int torchIntraOp = 0;  // torch's intra-op (OpenMP) threads after the setting
    int blas = 0;          // OpenBLAS's threads; 0 when the BLAS is not OpenBLAS
    std::string blasPool;  // "pthreads", "openmp", "sequential", or "" (not OpenBLAS)
    std::string describe() const; // "2 threads: OpenBLAS 2 (pthreads), torch intra-op 1"
};

// The rule above for `threads` (> 0), without applying it.
ThreadPools planThreadPools(int threads, const std::string& blasPool);

} // namespace vox
