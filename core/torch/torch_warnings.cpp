#include "core/torch/torch_warnings.h"

#include "core/log/log.h"

#include <c10/util/Exception.h>
#include <torch/version.h>

#include <mutex>
#include <unordered_map>

namespace vox {
namespace {

// libtorch 2.x passes a c10::Warning object; 1.13 (Debian) passes its parts.
#if TORCH_VERSION_MAJOR >= 2
#define VOX_WARNING_API_2 1
#endif

class DedupWarningHandler final : public c10::WarningHandler {
public:
#ifdef VOX_WARNING_API_2
    void process(const c10::Warning& warning) override
    {
        record(warning.source_location(), warning.msg());
    }
#else
    void process(const c10::SourceLocation& location, const std::string& msg, const bool /*verbatim*/) override
    {
        record(location, msg);
    }
#endif

    void record(const c10::SourceLocation& loc, const std::string& message)
    {
        std::string source = loc.file ? std::string(loc.file) + ":" + std::to_string(loc.line) : std::string();
        if (loc.function && *loc.function)
            source += source.empty() ? std::string(loc.function) : " (" + std::string(loc.function) + ")";

        bool first = false;
        {
            std::lock_guard lock(m_mutex);
            auto [it, inserted] = m_index.try_emplace(message, m_counts.size());
            if (inserted)
                m_counts.push_back({message, source, 0});
            ++m_counts[it->second].count;
            first = inserted;
        }
        if (first)
            log::get("torch")->warn("{} [{}] (further repeats are counted, not logged)", message, source);
    }

    std::vector<TorchWarningCount> counts()
    {
        std::lock_guard lock(m_mutex);
        return m_counts;
    }

    void reset()
    {
        std::lock_guard lock(m_mutex);
        m_counts.clear();
        m_index.clear();
    }

private:
    std::mutex m_mutex;
    std::vector<TorchWarningCount> m_counts;
    std::unordered_map<std::string, size_t> m_index;
};

DedupWarningHandler& handler()
{
    static DedupWarningHandler h; // lives for the process: threads may warn during shutdown
    return h;
}

} // namespace

void installTorchWarningHandler()
{
#ifdef VOX_WARNING_API_2
    c10::WarningUtils::set_warning_handler(&handler());
#else
    c10::Warning::set_warning_handler(&handler());
#endif
}

std::vector<TorchWarningCount> torchWarningCounts()
{
    return handler().counts();
}

void resetTorchWarningCounts()
{
    handler().reset();
}

} // namespace vox
