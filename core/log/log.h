#pragma once
#include <spdlog/logger.h>

#include <memory>
#include <string_view>

// Developer logs for core: one spdlog logger per subsystem ("torch", "audio", "store", ...),
// all writing to the same sinks. The level comes from VOXBENCH_LOG (trace, debug, info, warn,
// error, off; default warn) or from setLevel().
namespace vox::log {

// The logger of one subsystem, created on first use. Thread-safe.
std::shared_ptr<spdlog::logger> get(std::string_view subsystem);

void setLevel(spdlog::level::level_enum level);
spdlog::level::level_enum level();

// Adds a sink to every existing and future subsystem logger (the GUI adds one that feeds its
// Issues dock). Call it at start-up, before worker threads log: spdlog loggers read their sink
// list without a lock. Sinks are never removed; one that must stop forwarding detaches inside.
void addSink(spdlog::sink_ptr sink);

} // namespace vox::log
