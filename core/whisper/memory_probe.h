#pragma once
// Resident-set sampling for Transcript::peakMemoryBytes on CPU. Torch-free.
#include <cstdint>

namespace vox::whisper {

// Current resident set size of this process in bytes (Linux /proc/self/statm; 0 elsewhere).
int64_t residentBytes();

// Remembers the resident set at construction and the largest value seen by sample().
// Sampling is a cheap read, done between stages and decoder steps, so a transient peak inside
// one forward call is not seen; other threads' allocations count too.
class RssProbe {
public:
    RssProbe() : m_start(residentBytes()), m_peak(m_start) {}
    void sample()
    {
        const int64_t now = residentBytes();
        if (now > m_peak)
            m_peak = now;
    }
    int64_t growth() const { return m_peak - m_start; }

private:
    int64_t m_start;
    int64_t m_peak;
};

} // namespace vox::whisper
