#include "app/cli/run_command.h"

#include "app/cli/engine_options.h"
#include "app/cli/json_output.h"
#include "app/cli/kws_report.h"
#include "app/cli/text_table.h"
#include "core/kws/kws_types.h"
#include "core/run/run_card.h"
#include "core/store/package_trust.h"
#include "core/run/run_executor.h"
#include "core/run/run_summary.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>

namespace vox::cli {

namespace {

using nlohmann::json;
using run::RunSettings;
using store::ProjectStore;

// How summaries are shown: Whisper runs under a normalizer, KWS runs against targets and a
// baseline (app/cli/kws_report.h).
struct ReportArgs {
    std::string normalizer = "whisper-en";
    std::string output = "table";
    KwsReportOptions kws;
};

struct RunArgs {
    std::string project, dataset, shard;
    std::vector<std::string> variants;
    std::vector<int64_t> resume;
    bool trust = false;
    RunSettings settings;
    ReportArgs report;
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

json intervalJson(const std::optional<scoring::Interval>& i)
{
    if (!i)
        return nullptr;
    return {{"estimate", i->estimate}, {"low", i->low}, {"high", i->high}};
}

// Whisper runs: WER/CER with intervals, time, real-time factor, memory.
void printWhisperRuns(ProjectStore& store, const std::vector<int64_t>& runIds, const std::string& normalizer,
                      ReportFormat format, CliContext& context, json& jsonOut)
{
    TextTable table;
    table.header = {"run", "variant", "status", "done", "failed", "WER [95% CI]", "CER [95% CI]", "ms/utt (median)", "RTF",
                    "peak MB"};
    table.numeric = {true, false, false, true, true, true, true, true, true, true};
    std::vector<store::RunRecord> shown;
    for (int64_t id : runIds) {
        auto s = run::summarizeRun(store, id, normalizer);
        if (!s) {
            context.err << "run " << id << ": " << s.error().describe() << "\n";
            continue;
        }
        if (format == ReportFormat::Json) {
            jsonOut.push_back({{"run", id}, {"variant", s->variant}, {"status", s->run.status},
                               {"message", s->run.message}, {"utterances", s->utterances},
                               {"done", s->withResult}, {"failed", s->failed}, {"normalizer", s->normalizer},
                               {"wer", intervalJson(s->wer)}, {"cer", intervalJson(s->cer)}, {"mean_ms", s->meanMs},
                               {"median_ms", s->medianMs}, {"rtf", s->realTimeFactor},
                               {"peak_memory_bytes", s->peakMemoryBytes}});
            continue;
        }
        char times[64], rtf[32];
        std::snprintf(times, sizeof times, "%.1f (%.1f)", s->meanMs, s->medianMs);
        std::snprintf(rtf, sizeof rtf, "%.3f", s->realTimeFactor);
        // CPU: resident-set growth during the call, 0 once warm-up has grown it; shown as "-".
        char memory[32] = "-";
        if (s->peakMemoryBytes > 0)
            std::snprintf(memory, sizeof memory, "%.1f", double(s->peakMemoryBytes) / 1e6);
        table.rows.push_back({{std::to_string(id), s->variant, s->run.status,
                               std::to_string(s->withResult) + "/" + std::to_string(s->utterances),
                               std::to_string(s->failed), percent(s->wer), percent(s->cer), times, rtf, memory},
                              s->run.message});
        shown.push_back(s->run);
    }
    if (format == ReportFormat::Json || shown.empty())
        return;
    if (format == ReportFormat::Markdown)
        printMarkdown(table, context.out);
    else
        printTabSeparated(table, context.out);
    context.out << "normalizer: " << normalizer << "; each run's settings are in its card\n";
    for (size_t i = 1; i < shown.size(); ++i) {
        const auto diff = run::differences(shown[0].cardJson, shown[i].cardJson);
        if (!diff.empty())
            context.out << "not comparable: run " << shown[0].id << " and run " << shown[i].id << " differ in "
                        << run::describe(diff) << "\n";
    }
}

// Whisper runs first, then KWS runs (a run is a KWS run when its card's variant is a KWS
// package), in the chosen format; JSON is one object {"whisper": [...], "kws": [...]}.
void printSummaries(ProjectStore& store, const std::vector<int64_t>& runIds, const ReportArgs& report,
                    CliContext& context)
{
    const ReportFormat format = report.output == "json"       ? ReportFormat::Json
                                : report.output == "markdown" ? ReportFormat::Markdown
                                                              : ReportFormat::Table;
    std::vector<int64_t> whisper;
    std::vector<store::RunRecord> kws;
    for (int64_t id : runIds) {
        auto record = store.run(id);
        if (!record) {
            context.err << "run " << id << ": " << record.error().describe() << "\n";
            continue;
        }
        auto card = run::readRunCard(record->cardJson);
        if (card && card->variantFamily == kws::kFamily)
            kws.push_back(std::move(*record));
        else
            whisper.push_back(id);
    }
    json out{{"whisper", json::array()}, {"kws", json::array()}};
    if (!whisper.empty())
        printWhisperRuns(store, whisper, report.normalizer, format, context, out["whisper"]);
    if (!kws.empty())
        reportKwsRuns(store, kws, report.kws, format, context, out["kws"]);
    if (format == ReportFormat::Json)
        context.out << jsonOutput(out) << "\n";
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
    if (outcome.elsewhere) { // nothing was written: the status in the project is the other process's
        context.err << "voxbench-cli run: " << outcome.message << "\n";
        return 1;
    }
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

// Every package the command would load may be loaded on this machine, or --trust says so now;
// else nothing is created or run and the message says how to allow them.
int checkTrust(ProjectStore& store, const std::vector<int64_t>& variantIds, bool trust, CliContext& context)
{
    auto variants = store.variants();
    if (!variants) {
        context.err << "voxbench-cli run: " << variants.error().describe() << "\n";
        return 1;
    }
    int refused = 0;
    for (const auto& v : *variants) {
        if (std::find(variantIds.begin(), variantIds.end(), v.id) == variantIds.end() || store::trustedHere(v))
            continue;
        if (trust) {
            if (auto done = store.trustVariantHere(v.id); !done) {
                context.err << "voxbench-cli run: " << done.error().describe() << "\n";
                return 1;
            }
            context.err << "voxbench-cli run: variant " << v.name << " is trusted on this machine from now on (--trust)\n";
            continue;
        }
        context.err << "voxbench-cli run: " << store::untrustedMessage(v, store.path())
                    << "; or give --trust to allow every package of this command\n";
        refused = 2;
    }
    return refused;
}

// "2/4" -> shard 2 of 4.
Expected<std::pair<int, int>> parseShard(const std::string& text)
{
    const auto slash = text.find('/');
    try {
        if (slash != std::string::npos) {
            size_t used = 0;
            const int k = std::stoi(text.substr(0, slash), &used);
            const bool whole = used == slash;
            const int n = std::stoi(text.substr(slash + 1), &used);
            if (whole && used == text.size() - slash - 1 && n >= 1 && k >= 0 && k < n)
                return std::pair{k, n};
        }
    } catch (const std::exception&) {
    }
    return makeError("--shard takes K/N, shard K of N counted from 0 (0/4, 1/4, 2/4 and 3/4 make a whole run), not \"" + text + "\"");
}

// The run of this variant over this dataset with these settings (shard included), if the project has one.
std::optional<int64_t> shardRunOf(ProjectStore& store, int64_t variantId, int64_t datasetId, const RunSettings& settings)
{
    auto runs = store.runs();
    if (!runs)
        return std::nullopt;
    for (const auto& r : *runs) {
        auto card = run::readRunCard(r.cardJson);
        if (r.variantId == variantId && r.datasetId == datasetId && card && run::toJson(card->settings) == run::toJson(settings))
            return r.id;
    }
    return std::nullopt;
}

int runVariants(const RunArgs& a, CliContext& context)
{
    if (auto refused = refuseReadOnly(a.project, "run", context))
        return *refused;
    auto opened = ProjectStore::open(a.project, ProjectStore::Mode::OpenExisting);
    if (!opened) {
        context.err << "voxbench-cli run: " << opened.error().describe() << "\n";
        return 1;
    }
    ProjectStore& store = **opened;
    // What the command would load, checked before anything is created.
    std::vector<int64_t> variantIds;
    for (int64_t id : a.resume) {
        auto r = store.run(id);
        if (!r) {
            context.err << "voxbench-cli run: " << r.error().describe() << "\n";
            return 1;
        }
        variantIds.push_back(r->variantId);
    }
    std::optional<int64_t> dataset;
    if (!a.variants.empty()) {
        auto datasets = store.datasets();
        auto variants = store.variants();
        if (!datasets || !variants) {
            context.err << "voxbench-cli run: " << (datasets ? variants.error() : datasets.error()).describe() << "\n";
            return 1;
        }
        dataset = findByName(*datasets, a.dataset);
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
            variantIds.push_back(*variant);
        }
    }
    if (variantIds.empty()) {
        context.err << "voxbench-cli run: give --variant (with --dataset) or --resume RUN_ID\n";
        return 2;
    }
    if (const int refused = checkTrust(store, variantIds, a.trust, context); refused != 0)
        return refused;
    RunSettings settings = a.settings;
    if (!a.shard.empty()) {
        auto shard = parseShard(a.shard);
        if (!shard) {
            context.err << "voxbench-cli run: " << shard.error().message << "\n";
            return 2;
        }
        settings.shardIndex = shard->first;
        settings.shardCount = shard->second;
    }
    std::vector<int64_t> runIds = a.resume;
    for (size_t i = a.resume.size(); i < variantIds.size(); ++i) {
        if (settings.shardCount > 1) {
            // A shard project holds one run per variant: a task started again continues it.
            if (auto earlier = shardRunOf(store, variantIds[i], *dataset, settings)) {
                context.err << "run " << *earlier << ": shard " << a.shard << " is in this project already; continuing it\n";
                runIds.push_back(*earlier);
                continue;
            }
        }
        auto id = run::createRun(store, variantIds[i], *dataset, settings);
        if (!id) {
            context.err << "voxbench-cli run: " << id.error().describe() << "\n";
            return 1;
        }
        runIds.push_back(*id);
    }
    int code = 0;
    for (int64_t id : runIds) {
        if (execute(store, a.project, id, context) != 0)
            code = 1;
        auto record = store.run(id);
        if (record && record->status == run::runStatusName(run::RunStatus::Cancelled))
            break; // Ctrl-C stops the whole command, not just one run
    }
    printSummaries(store, runIds, a.report, context);
    return code;
}

int listRuns(const std::string& project, const ReportArgs& report, CliContext& context)
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
    printSummaries(**opened, ids, report, context);
    return 0;
}

// The options of the summaries, shared by `run` and `runs`.
void addReportOptions(CLI::App& command, ReportArgs& report, bool output)
{
    command.add_option("--normalizer", report.normalizer, "none, basic, whisper-en (Whisper runs' WER/CER)")
        ->capture_default_str();
    run::KwsTargets& targets = report.kws.targets;
    command.add_option("--pass-mark", targets.areaPassMark, "KWS: an FA/FR area at or below this passes")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command.add_option("--fa-rate", targets.falseAlarmRate, "KWS: the clip false-alarm rate FRR is read at (0.01: 1 %)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command.add_option("--fa-per-hour", targets.falseAlarmsPerHour,
                       "KWS streams: the false alarms per hour the miss rate is read at")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command.add_option("--threshold", targets.threshold,
                       "KWS: detection threshold for the stream's FA/h and miss rate (default: each package's)")
        ->check(CLI::Range(0.0, 1.0));
    command.add_option("--baseline", report.kws.baseline,
                       "KWS: the variant the ratios are against (default: the first KWS run's over each dataset)");
    if (output)
        command.add_option("--output,-o", report.output, "table, json (with every clip's probabilities) or markdown")
            ->check(CLI::IsMember({"table", "json", "markdown"}))
            ->capture_default_str();
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
    cmd->add_flag("--trust", a->trust,
                  "Load the variants' packages on this machine even if the project came from another one "
                  "(a package is code: only packages from someone you trust)");
    cmd->add_option("--limit", a->settings.limit, "The dataset's first N utterances (0: all)")->capture_default_str();
    cmd->add_option("--shard", a->shard,
                    "K/N: only shard K of N (every N-th utterance from the K-th), for one task of a job array; a shard "
                    "project holds one run per variant, and a task started again continues it (voxbench-cli merge joins the shards)");
    EngineOptionChoice choice;
    choice.parallel = true;
    choice.warmup = true;
    choice.repeats = true;
    choice.chunk = true;
    addEngineOptions(*cmd, a->settings, choice);
    addReportOptions(*cmd, a->report, false);
    cmd->callback([a, &context, &exitCode] { exitCode = runVariants(*a, context); });

    auto project = std::make_shared<std::string>();
    auto report = std::make_shared<ReportArgs>();
    CLI::App* list = app.add_subcommand(
        "runs", "List a project's runs: Whisper runs with WER/CER, KWS runs with FA/FR area, FRR, FA/h, cost and ratios");
    list->add_option("-p,--project", *project, "Project file")->required();
    addReportOptions(*list, *report, true);
    list->callback([project, report, &context, &exitCode] { exitCode = listRuns(*project, *report, context); });
}

} // namespace vox::cli
