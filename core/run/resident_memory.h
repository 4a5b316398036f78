#pragma once
// The process's resident memory (Linux /proc/self/status), for the peak memory of a run's
// inference without torch headers. Process-wide: other threads' allocations count too.
#include <cstdint>

namespace vox::run {

// VmRSS now, in bytes; 0 where it cannot be read.
int64_t residentBytes();
// VmHWM, the resident set's high-water mark since the process started or since the last
// resetResidentHighWater(), in bytes; 0 where it cannot be read.
int64_t residentHighWaterBytes();
// Sets the high-water mark back to the current resident set (writes "5" to /proc/self/clear_refs,
// Linux 4.0 and later); false where that is not allowed.
bool resetResidentHighWater();

// How far the resident set rose during a span of work above where it stood at its start: the
// working memory of inference, as the Whisper engine measures it on CPU (what was allocated
// before, the model's weights and libtorch's one-time start among it, is not counted). start()
// first hands the heap's free pages back to the system (glibc's malloc_trim), so that memory
// freed by earlier work, reused without a rise, does not hide this span's. Exact where the
// kernel's high-water mark can be reset; else the larger of the samples taken at start() and
// stop(), which misses a peak in between.
class ResidentPeak {
public:
    void start();
    int64_t stop(); // the rise since start(), in bytes (0 when none)
    bool exact() const { return m_exact; } // the high-water mark was reset at start()

private:
    int64_t m_startBytes = 0;
    bool m_exact = false;
};

} // namespace vox::run
