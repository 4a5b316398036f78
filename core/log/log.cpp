#include "core/log/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace vox::log {
namespace {

struct Registry {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers;
    std::vector<spdlog::sink_ptr> sinks;
    spdlog::level::level_enum level = spdlog::level::warn;

    Registry()
    {
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_pattern("[%H:%M:%S.%e] [%n] [%^%l%$] %v");
        sinks.push_back(console);
        if (const char* env = std::getenv("VOXBENCH_LOG"))
            level = spdlog::level::from_str(env);
    }
};

Registry& registry()
{
    static Registry r;
    return r;
}

} // namespace

std::shared_ptr<spdlog::logger> get(std::string_view subsystem)
{
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    if (auto it = r.loggers.find(subsystem); it != r.loggers.end())
        return it->second;
    auto logger = std::make_shared<spdlog::logger>(std::string(subsystem), r.sinks.begin(), r.sinks.end());
    logger->set_level(r.level);
    r.loggers.emplace(std::string(subsystem), logger);
    return logger;
}

void setLevel(spdlog::level::level_enum level)
{
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.level = level;
    for (auto& [name, logger] : r.loggers)
        logger->set_level(level);
}

spdlog::level::level_enum level()
{
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    return r.level;
}

void addSink(spdlog::sink_ptr sink)
{
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.sinks.push_back(sink);
    for (auto& [name, logger] : r.loggers)
        logger->sinks().push_back(sink);
}

} // namespace vox::log
