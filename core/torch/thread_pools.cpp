#include "core/torch/thread_pools.h"

#include <algorithm>

namespace vox {

std::string ThreadPools::describe() const
{
    std::string out = std::to_string(threads) + (threads == 1 ? " thread: " : " threads: ");
    if (blasPool.empty())
        return out + "torch intra-op " + std::to_string(torchIntraOp);
    return out + "OpenBLAS " + std::to_string(blas) + " (" + blasPool + "), torch intra-op " + std::to_string(torchIntraOp);
}

ThreadPools planThreadPools(int threads, const std::string& blasPool)
{
    ThreadPools plan;
    plan.threads = std::max(1, threads);
    plan.blasPool = blasPool;
    plan.blas = blasPool.empty() ? 0 : blasPool == "sequential" ? 1 : plan.threads;
    plan.torchIntraOp = blasPool == "pthreads" ? 1 : plan.threads;
    return plan;
}

} // namespace vox
