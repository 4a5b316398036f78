#include "app/cli/profile_command.h"

#include "app/cli/engine_options.h"
#include "core/dataset/dataset_import.h"
#include "core/profile/profile_capture.h"
#include "core/profile/profile_json.h"
#include "core/profile/profile_report.h"
#include "core/run/kws_results.h"
#include "core/run/run_summary.h"
#include "core/store/dataset_records.h"
#include "core/torch/torch_runtime.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>

namespace vox::cli {

namespace {

struct ProfileArgs {
    ProfileArgs() { settings.warmup = 2; } // a profile is captured after at least two warm-up calls

    std::vector<std::string> models;
    std::string dataset, project, trace, normalizer = "whisper-en";
    std::vector<int64_t> runs;
    int64_t limit = 8;
    int top = 20, passes = 3;
    bool byShapes = false;
    run::RunSettings settings; // the engine and decoding options of packages profiled (not runs)
};

std::string tracePath(const ProfileArgs& a, const profile::OperatorProfile& p, size_t index, size_t count)
{
    if (count == 1)
        return a.trace;
    const std::filesystem::path t(a.trace);
    auto name = t.stem().string() + "-" + std::to_string(index + 1) + "-" + p.info.variant + t.extension().string();
    return (t.parent_path() / name).string();
}

bool writeTrace(const std::string& path, const profile::OperatorProfile& p, CliContext& context)
{
    std::error_code ignored;
    if (const auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
        std::filesystem::create_directories(parent, ignored);
    std::ofstream f(path, std::ios::binary);
    f << profile::chromeTrace(p);
    f.close();
    if (!f) {
        context.err << "voxbench-cli profile: cannot write the trace to " << path << "\n";
        return false;
    }
    context.err << "trace: " << path << " (" << p.events.size() << " events; open it in Perfetto or chrome://tracing)\n";
    return true;
}

Expected<std::vector<profile::OperatorProfile>> profilePackages(const ProfileArgs& a, CliContext& context)
{
    if (a.dataset.empty())
        return makeError("give --dataset with the utterances to profile on (any layout `import` reads)");
    auto report = dataset::importDataset(a.dataset);
    if (!report)
        return report.error();
    auto utterances = store::utteranceRecords(*report);
    if (a.limit > 0 && int64_t(utterances.size()) > a.limit)
        utterances.resize(size_t(a.limit));
    std::vector<std::string> skipped;
    const auto audio = profile::decodeUtterances(utterances, &skipped);
    for (const auto& s : skipped)
        context.err << "left out: " << s << "\n";
    auto runtime = loadTorchRuntime();
    if (!runtime)
        return runtime.error();
    std::vector<profile::OperatorProfile> out;
    for (const auto& model : a.models) {
        profile::CaptureOptions options;
        options.settings = a.settings;
        options.passes = a.passes;
        options.recorder.device = a.settings.device != "cpu";
        options.onStage = [&](const std::string& stage) { context.err << model << ": " << stage << "\n"; };
        auto p = profile::captureProfile(**runtime, model, audio, options);
        if (!p)
            return p.error();
        out.push_back(std::move(*p));
    }
    return out;
}

Expected<std::vector<profile::OperatorProfile>> profileRuns(const ProfileArgs& a, CliContext& context)
{
    std::vector<profile::OperatorProfile> out;
    for (const int64_t id : a.runs) {
        auto p = profile::profileRun(a.project, id, a.limit, [&](const std::string& stage) {
            context.err << "run " << id << ": " << stage << "\n";
        });
        if (!p)
            return p.error();
        out.push_back(std::move(*p));
    }
    return out;
}

// Each run's WER/CER, so an operator change reads next to what it cost in accuracy.
void printAccuracy(const ProfileArgs& a, CliContext& context)
{
    auto store = store::ProjectStore::open(a.project, store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return;
    context.out << "\nAccuracy of the profiled runs (" << a.normalizer << " for speech models):\n";
    for (const int64_t id : a.runs) {
        if (auto kws = run::readKwsRun(**store, id)) { // a keyword spotter: its own figures
            const auto f = run::summarizeKwsRun(*kws);
            char line[256];
            std::snprintf(line, sizeof line, "  run %lld %-28s accuracy %.1f %%   FA/FR area %s   (%d clips, %d streams)\n",
                          static_cast<long long>(id), kws->variant.c_str(), 100.0 * f.accuracy.accuracy(),
                          f.curve.defined() ? std::to_string(f.curve.area).c_str() : "-", f.clips, f.streams);
            context.out << line;
            continue;
        }
        auto s = run::summarizeRun(**store, id, a.normalizer);
        if (!s)
            continue;
        auto rate = [](const std::optional<scoring::Interval>& i) {
            if (!i)
                return std::string("-");
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * i->estimate);
            return std::string(buf);
        };
        char line[256];
        std::snprintf(line, sizeof line, "  run %lld %-28s WER %-8s CER %-8s (%lld of %lld utterances)\n",
                      static_cast<long long>(id), s->variant.c_str(), rate(s->wer).c_str(), rate(s->cer).c_str(),
                      static_cast<long long>(s->withResult), static_cast<long long>(s->utterances));
        context.out << line;
    }
}

int runProfile(const ProfileArgs& a, CliContext& context)
{
    const bool project = !a.project.empty();
    if (project == !a.models.empty() || (project && a.runs.empty())) {
        context.err << "voxbench-cli profile: give --model PKG --dataset PATH, or -p PROJECT --run ID\n";
        return 2;
    }
    auto profiles = project ? profileRuns(a, context) : profilePackages(a, context);
    if (!profiles) {
        context.err << "voxbench-cli profile: " << profiles.error().describe() << "\n";
        return 1;
    }
    for (size_t i = 0; i < profiles->size(); ++i) {
        context.out << (i ? "\n" : "") << profile::formatProfile((*profiles)[i], a.top, a.byShapes);
        if (!a.trace.empty() && !writeTrace(tracePath(a, (*profiles)[i], i, profiles->size()), (*profiles)[i], context))
            return 1;
    }
    if (profiles->size() >= 2)
        context.out << "\n" << profile::formatComparison((*profiles)[0], (*profiles)[1], a.top);
    if (project) {
        printAccuracy(a, context);
        context.err << "stored with the runs in " << a.project << "\n";
    }
    return 0;
}

} // namespace

void addProfileCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<ProfileArgs>();
    auto* cmd = app.add_subcommand("profile", "The top operators of model packages or runs (libtorch's profiler), "
                                              "and what changed between two");
    cmd->add_option("--model,-m", a->models, "Model package folder; give two to compare them");
    cmd->add_option("--dataset", a->dataset, "Utterances to profile on: a dataset in any layout `import` reads");
    cmd->add_option("--project,-p", a->project, "Project file: profile stored runs (--run) and keep the profiles");
    cmd->add_option("--run", a->runs, "Run id in the project (its variant and settings); give two to compare");
    cmd->add_option("--limit", a->limit, "Utterances profiled (the first N)")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--top", a->top, "Operators shown (0: all)")->check(CLI::Range(0, 100000))->capture_default_str();
    cmd->add_flag("--by-shapes", a->byShapes, "One row per operator and input shapes");
    cmd->add_option("--trace", a->trace, "Write a Chrome-trace JSON file (Perfetto, chrome://tracing)");
    EngineOptionChoice choice;
    choice.warmup = true;
    choice.warmupHelp = "Untimed calls first (at least 2)";
    addEngineOptions(*cmd, a->settings, choice);
    cmd->add_option("--passes", a->passes, "Timed passes without the profiler, for its overhead")
        ->check(CLI::Range(1, 50))->capture_default_str();
    cmd->add_option("--normalizer", a->normalizer, "Text normalizer of the runs' WER/CER (project mode)")->capture_default_str();
    cmd->callback([a, &context, &exitCode] { exitCode = runProfile(*a, context); });
}

} // namespace vox::cli
