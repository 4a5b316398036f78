#include "app/cli/run_command.h"

#include "app/cli/engine_options.h"
#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/run/run_summary.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

namespace vox::cli {

namespace {

using run::RunSettings;
using store::ProjectStore;

struct RunArgs {
    std::string project, dataset, normalizer = "whisper-en";
    std::vector<std::string> variants;
    std::vector<int64_t> resume;
    RunSettings settings;
};

// Ctrl-C stops the current run between batches (status "cancelled"; --resume continues it).
std::atomic<bool>* g_cancel = nullptr;
extern "C" void onInterrupt(int)
{
    if (g_cancel)
        g_cancel->store(true);
}

std::string percent(const std::optional<scoring::Interval>& i)
{
    if (!i)
        return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.1f%% [%.1f, %.1f]", 100 * i->estimate, 100 * i->low, 100 * i->high);
    return text;
}

void printSummaries(ProjectStore& store, const std::vector<int64_t>& runIds, const std::string& normalizer,
                    CliContext& context)
{
    context.out << "run\tvariant\tstatus\tdone\tfailed\tWER [95% CI]\tCER [95% CI]\tms/utt (median)\tRTF\tpeak MB\n";
    std::vector<store::RunRecord> shown;
    for (int64_t id : runIds) {
        auto s = run::summarizeRun(store, id, normalizer);
        if (!s) {
            context.err << "run " << id << ": " << s.error().describe() << "\n";
            continue;
        }
        char times[96];
        std::snprintf(times, sizeof times, "%.1f (%.1f)\t%.3f\t", s->meanMs, s->medianMs, s->realTimeFactor);
        // CPU: resident-set growth during the call, 0 once warm-up has grown it; shown as "-".
        char memory[32] = "-";
        if (s->peakMemoryBytes > 0)
            std::snprintf(memory, sizeof memory, "%.1f", double(s->peakMemoryBytes) / 1e6);
        context.out << id << "\t" << s->variant << "\t" << s->run.status << "\t" << s->withResult << "/"
                    << s->utterances << "\t" << s->failed << "\t" << percent(s->wer) << "\t" << percent(s->cer)
                    << "\t" << times << memory << "\n";
        if (!s->run.message.empty())
            context.out << "  " << s->run.message << "\n";
        shown.push_back(s->run);
    }
    if (!shown.empty())
        context.out << "normalizer: " << normalizer << "; each run's settings are in its card\n";
    for (size_t i = 1; i < shown.size(); ++i) {
        const auto diff = run::differences(shown[0].cardJson, shown[i].cardJson);
        if (!diff.empty())
            context.out << "not comparable: run " << shown[0].id << " and run " << shown[i].id << " differ in "
                        << run::describe(diff) << "\n";
    }
}

int execute(ProjectStore& store, const std::string& project, int64_t runId, CliContext& context)
{
    run::RunControl control;
    g_cancel = &control.cancel;
    auto previous = std::signal(SIGINT, onInterrupt);
    auto last = std::chrono::steady_clock::now();
    run::RunEvents events;
    events.onStage = [&](const std::string& stage) { context.err << "run " << runId << ": " << stage << "\n"; };
    events.onResults = [&](const std::vector<store::ResultRecord>& batch, const run::RunProgress& p) {
        for (const auto& r : batch)
            if (!r.error.empty())
                context.err << "run " << runId << ": utterance " << r.utteranceId << ": " << r.error << "\n";
        const auto now = std::chrono::steady_clock::now();
        if (now - last > std::chrono::seconds(2) || p.done == p.total) {
            last = now;
            const double perUtt = p.elapsedSeconds / double(std::max<int64_t>(1, p.done));
            context.err << "run " << runId << ": " << p.done << "/" << p.total << " (" << p.failed << " failed), "
                        << int(perUtt * double(p.total - p.done)) << " s left\n";
        }
    };
    const auto outcome = run::executeRun(project, runId, control, events);
    std::signal(SIGINT, previous);
    g_cancel = nullptr;
    context.err << "run " << runId << ": " << run::runStatusName(outcome.status)
                << (outcome.message.empty() ? "" : ": " + outcome.message) << "\n";
    (void)store;
    return outcome.status == run::RunStatus::Finished ? 0 : 1;
}

template <typename Record>
std::optional<int64_t> findByName(const std::vector<Record>& list, const std::string& name)
{
    for (const auto& r : list)
        if (r.name == name)
            return r.id;
    return std::nullopt;
}

int runVariants(const RunArgs& a, CliContext& context)
{
    auto opened = ProjectStore::open(a.project, ProjectStore::Mode::OpenExisting);
    if (!opened) {
        context.err << "voxbench-cli run: " << opened.error().describe() << "\n";
        return 1;
    }
    ProjectStore& store = **opened;
    std::vector<int64_t> runIds = a.resume;
    if (!a.variants.empty()) {
        auto datasets = store.datasets();
        auto variants = store.variants();
        if (!datasets || !variants) {
            context.err << "voxbench-cli run: " << (datasets ? variants.error() : datasets.error()).describe() << "\n";
            return 1;
        }
        const auto dataset = findByName(*datasets, a.dataset);
        if (!dataset) {
            context.err << "voxbench-cli run: the project has no dataset \"" << a.dataset << "\" (see voxbench-cli info)\n";
            return 1;
        }
        for (const auto& name : a.variants) {
            const auto variant = findByName(*variants, name);
            if (!variant) {
                context.err << "voxbench-cli run: the project has no variant \"" << name
                            << "\" (see voxbench-cli variant list)\n";
                return 1;
            }
            auto id = run::createRun(store, *variant, *dataset, a.settings);
            if (!id) {
                context.err << "voxbench-cli run: " << id.error().describe() << "\n";
                return 1;
            }
            runIds.push_back(*id);
        }
    }
    if (runIds.empty()) {
        context.err << "voxbench-cli run: give --variant (with --dataset) or --resume RUN_ID\n";
        return 2;
    }
    int code = 0;
    for (int64_t id : runIds) {
        if (execute(store, a.project, id, context) != 0)
            code = 1;
        auto record = store.run(id);
        if (record && record->status == run::runStatusName(run::RunStatus::Cancelled))
            break; // Ctrl-C stops the whole command, not just one run
    }
    printSummaries(store, runIds, a.normalizer, context);
    return code;
}

int listRuns(const std::string& project, const std::string& normalizer, CliContext& context)
{
    auto opened = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
    if (!opened) {
        context.err << "voxbench-cli runs: " << opened.error().describe() << "\n";
        return 1;
    }
    auto runs = (*opened)->runs();
    if (!runs) {
        context.err << "voxbench-cli runs: " << runs.error().describe() << "\n";
        return 1;
    }
    std::vector<int64_t> ids;
    for (const auto& r : *runs)
        ids.push_back(r.id);
    printSummaries(**opened, ids, normalizer, context);
    return 0;
}

} // namespace

void addRunCommands(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<RunArgs>();
    CLI::App* cmd = app.add_subcommand("run", "Run variants over a dataset into the project, then summarise");
    cmd->add_option("-p,--project", a->project, "Project file")->required();
    cmd->add_option("--variant", a->variants, "Variant name (repeat for several)");
    cmd->add_option("--dataset", a->dataset, "Dataset name");
    cmd->add_option("--resume", a->resume, "Continue a stopped run (its own settings)");
    cmd->add_option("--limit", a->settings.limit, "The dataset's first N utterances (0: all)")->capture_default_str();
    EngineOptionChoice choice;
    choice.warmup = true;
    choice.repeats = true;
    addEngineOptions(*cmd, a->settings, choice);
    cmd->add_option("--normalizer", a->normalizer, "none, basic, whisper-en (for the summary)")->capture_default_str();
    cmd->callback([a, &context, &exitCode] { exitCode = runVariants(*a, context); });

    auto project = std::make_shared<std::string>();
    auto normalizer = std::make_shared<std::string>("whisper-en");
    CLI::App* list = app.add_subcommand("runs", "List a project's runs with WER/CER, time and real-time factor");
    list->add_option("-p,--project", *project, "Project file")->required();
    list->add_option("--normalizer", *normalizer, "none, basic, whisper-en")->capture_default_str();
    list->callback([project, normalizer, &context, &exitCode] { exitCode = listRuns(*project, *normalizer, context); });
}

} // namespace vox::cli
