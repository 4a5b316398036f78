#pragma once
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace vox {

// Runs body(worker) for worker 0 .. workers - 1 at once, one thread each (the calling thread is
// worker 0), and returns when all have. The body must not throw.
template <typename Body>
void onWorkers(size_t workers, Body&& body)
{
    if (workers == 0)
        return;
    std::vector<std::thread> pool;
    for (size_t w = 1; w < workers; ++w)
        pool.emplace_back([&body, w] { body(w); });
    body(size_t(0));
    for (auto& t : pool)
        t.join();
}

// Runs body(begin, end, worker) over [0, count) split into contiguous ranges, one per worker
// thread (the calling thread is worker 0). threads <= 0 means one per hardware thread. For
// CPU-bound loops over independent items; the body must not throw.
template <typename Body>
void parallelRanges(size_t count, int threads, Body&& body)
{
    size_t workers = threads > 0 ? size_t(threads) : std::max(1u, std::thread::hardware_concurrency());
    workers = std::max<size_t>(1, std::min(workers, count / 64 + 1)); // small inputs: no threads
    const size_t chunk = (count + workers - 1) / workers;
    onWorkers(workers, [&](size_t w) {
        const size_t begin = std::min(count, w * chunk);
        body(begin, std::min(count, begin + chunk), w);
    });
}

// How many workers parallelRanges will use, to size per-worker state.
inline size_t parallelWorkerCount(size_t count, int threads)
{
    size_t workers = threads > 0 ? size_t(threads) : std::max(1u, std::thread::hardware_concurrency());
    return std::max<size_t>(1, std::min(workers, count / 64 + 1));
}

} // namespace vox
