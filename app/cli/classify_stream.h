#pragma once
// Internals of `voxbench-cli classify` shared by its clip mode (classify_command.cpp) and its
// stream mode (classify_stream.cpp).
#include "app/cli/cli_context.h"

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace vox {
class KwsRunner;
}

namespace vox::cli {

struct ClassifyArgs {
    std::string model;
    std::vector<std::string> inputs;
    std::string output = "text";
    bool stream = false, summaryOnly = false;
    int threads = 1, batch = 1, warmup = 2, chunk = 0;
    std::optional<double> threshold;
    size_t limit = 0;
};

// Wall-clock and process CPU time since construction.
class Stopwatch {
public:
    double wallMs() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_wall).count();
    }
    double cpuMs() const { return 1000.0 * double(std::clock() - m_cpu) / CLOCKS_PER_SEC; }

private:
    std::chrono::steady_clock::time_point m_wall = std::chrono::steady_clock::now();
    std::clock_t m_cpu = std::clock();
};

struct RunTimes {
    double wallMs = 0, cpuMs = 0, loadMs = 0;
    void add(const Stopwatch& w)
    {
        wallMs += w.wallMs();
        cpuMs += w.cpuMs();
    }
};

// Stream mode: every input (a stream manifest or an audio file) from a fresh state.
int runStreams(const ClassifyArgs& a, KwsRunner& runner, double loadMs, CliContext& context);

} // namespace vox::cli
