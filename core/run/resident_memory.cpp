#include "core/run/resident_memory.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <malloc.h>

namespace vox::run {

namespace {

// A "Name:   1234 kB" line of /proc/self/status, in bytes.
int64_t statusKilobytes(const char* name)
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    const size_t length = std::strlen(name);
    long long kilobytes = 0;
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, name, length) == 0 && line[length] == ':') {
            if (std::sscanf(line + length + 1, "%lld", &kilobytes) != 1)
                kilobytes = 0;
            break;
        }
    }
    std::fclose(f);
    return static_cast<int64_t>(kilobytes) * 1024;
}

} // namespace

int64_t residentBytes()
{
    return statusKilobytes("VmRSS");
}

int64_t residentHighWaterBytes()
{
    return statusKilobytes("VmHWM");
}

bool resetResidentHighWater()
{
    std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (!f)
        return false;
    const bool written = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && written;
}

void ResidentPeak::start()
{
    // Heap pages freed earlier (by an earlier batch, or another model's run in this process)
    // would be reused without raising the resident set; handed back first, every span's
    // allocations count, whatever ran before it.
    malloc_trim(0);
    m_exact = resetResidentHighWater();
    m_startBytes = residentBytes();
}

int64_t ResidentPeak::stop()
{
    const int64_t peak = m_exact ? std::max(residentHighWaterBytes(), residentBytes())
                                 : std::max(m_startBytes, residentBytes());
    return std::max<int64_t>(0, peak - m_startBytes);
}

} // namespace vox::run
