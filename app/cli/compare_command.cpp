#include "app/cli/compare_command.h"

#include "app/cli/text_table.h"
#include "core/run/run_analysis.h"
#include "core/scoring/report.h"
#include "core/store/project_store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace vox::cli {

namespace {

struct CompareArgs {
    std::string project, normalizer = "whisper-en", output = "table", sclite;
    std::vector<int64_t> runs;
    run::AnalysisOptions options;
};

std::string pct(double rate)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100 * rate);
    return text;
}

std::string points(const scoring::Interval& d)
{
    char text[64];
    std::snprintf(text, sizeof text, "%+.1f pt [%+.1f, %+.1f]", 100 * d.estimate, 100 * d.low, 100 * d.high);
    return text;
}

std::string number(double value, const char* format = "%.3g")
{
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string runName(const run::RunComparison& c, size_t k)
{
    return "run " + std::to_string(c.runs[k].run.id) + " (" + c.runs[k].variant + ")";
}

void printTable(const TextTable& table, const CompareArgs& a, std::ostream& out)
{
    if (a.output == "markdown")
        printMarkdown(table, out);
    else
        printTabSeparated(table, out);
}

void printText(const run::RunComparison& c, const run::RunAnalysis& analysis, const CompareArgs& a, std::ostream& out)
{
    out << "Against " << runName(c, 0) << ", normalizer " << c.normalizer << ": "
        << run::describeAnalysisSettings(analysis.options) << "\n\n";
    TextTable verdicts{{"run", "variant", "verdict", "dWER [95% CI]", "p bootstrap", "segments", "Z", "p MAPSSWE",
                        "dCER [95% CI]", "broken", "fixed"},
                       {true, false, false, false, true, true, true, true, false, true, true}, {}};
    for (const auto& v : analysis.against) {
        const auto& s = v.words.segments;
        verdicts.rows.push_back({{std::to_string(c.runs[v.run].run.id), c.runs[v.run].variant, v.sentence,
                                  points(v.words.delta), number(v.words.bootstrapP), s ? std::to_string(s->segments) : "",
                                  s ? number(s->z, "%.2f") : "", s ? number(s->p) : "",
                                  v.characters ? points(v.characters->delta) : "", std::to_string(v.broken.size()),
                                  std::to_string(v.fixed.size())},
                                 {}});
    }
    printTable(verdicts, a, out);
    for (const auto& b : analysis.breakdowns) {
        out << "\nWER by " << b.field << ":\n";
        TextTable t{{b.field, "utterances"}, {false, true}, {}};
        for (size_t k = 0; k < c.runs.size(); ++k) {
            t.header.push_back(c.runs[k].variant);
            t.numeric.push_back(false);
        }
        for (const auto& row : b.rows) {
            TextTable::Row r{{row.value, std::to_string(row.rows.size())}, {}};
            for (size_t k = 0; k < row.wer.size(); ++k) {
                std::string cell = row.wer[k] ? pct(row.wer[k]->estimate) : "-";
                if (k > 0 && row.wer[k] && row.wer[0])
                    cell += " (" + number(100 * (row.wer[k]->estimate - row.wer[0]->estimate), "%+.1f") + " pt)";
                r.cells.push_back(cell);
            }
            t.rows.push_back(std::move(r));
        }
        printTable(t, a, out);
    }
    for (const auto& v : analysis.against) {
        out << "\n" << runName(c, v.run) << " broke " << v.broken.size() << ":";
        for (size_t r : v.broken)
            out << " " << c.rows[r].uttId;
        out << "\n" << runName(c, v.run) << " fixed " << v.fixed.size() << ":";
        for (size_t r : v.fixed)
            out << " " << c.rows[r].uttId;
        out << "\n";
        std::vector<scoring::ConfusionChange> fresh;
        for (const auto& p : analysis.confusions[v.run])
            if (p.isNew())
                fresh.push_back(p);
        if (!fresh.empty()) {
            out << "Errors the baseline never makes:\n";
            scoring::writeConfusionChanges(out, fresh, c.runs[0].variant, c.runs[v.run].variant);
        }
    }
    out << "\nHallucination signals: " << analysis.hallucinations.size() << "\n";
    for (const auto& s : analysis.hallucinations)
        out << "  " << c.runs[s.run].variant << "\t" << c.rows[s.row].uttId << "\t" << run::hallucinationName(s.kind)
            << "\t" << s.detail << "\n";
}

nlohmann::json toJson(const run::RunComparison& c, const run::RunAnalysis& analysis)
{
    using nlohmann::json;
    const auto interval = [](const scoring::Interval& i) { return json{{"estimate", i.estimate}, {"low", i.low}, {"high", i.high}}; };
    const auto ids = [&](const std::vector<size_t>& rows) {
        json out = json::array();
        for (size_t r : rows)
            out.push_back(c.rows[r].uttId);
        return out;
    };
    json j{{"normalizer", c.normalizer}, {"tests", run::describeAnalysisSettings(analysis.options)},
           {"baseline", c.runs[0].run.id}, {"against_baseline", json::array()}, {"breakdowns", json::array()},
           {"hallucinations", json::array()}};
    for (const auto& v : analysis.against) {
        json e{{"run", c.runs[v.run].run.id}, {"variant", c.runs[v.run].variant}, {"verdict", v.sentence},
               {"utterances", v.words.utterances}, {"delta_wer", interval(v.words.delta)}, {"bootstrap_p", v.words.bootstrapP},
               {"broken", ids(v.broken)}, {"fixed", ids(v.fixed)}, {"new_errors", json::array()}};
        if (v.words.segments)
            e["mapsswe"] = {{"segments", v.words.segments->segments}, {"mean", v.words.segments->mean},
                            {"sd", v.words.segments->sd}, {"z", v.words.segments->z}, {"p", v.words.segments->p}};
        if (v.characters)
            e["delta_cer"] = interval(v.characters->delta);
        for (const auto& p : analysis.confusions[v.run])
            if (p.isNew())
                e["new_errors"].push_back({{"ref", p.ref}, {"hyp", p.hyp}, {"count", p.count}});
        j["against_baseline"].push_back(e);
    }
    for (const auto& b : analysis.breakdowns) {
        json rows = json::array();
        for (const auto& row : b.rows) {
            json wer = json::array();
            for (const auto& w : row.wer)
                wer.push_back(w ? interval(*w) : json(nullptr));
            rows.push_back({{"value", row.value}, {"utterances", row.rows.size()}, {"wer", wer}});
        }
        j["breakdowns"].push_back({{"field", b.field}, {"rows", rows}});
    }
    for (const auto& s : analysis.hallucinations)
        j["hallucinations"].push_back({{"run", c.runs[s.run].run.id}, {"utterance", c.rows[s.row].uttId},
                                       {"signal", run::hallucinationName(s.kind)}, {"detail", s.detail}});
    return j;
}

int writeSclite(const run::RunComparison& c, const run::RunAnalysis& analysis, const std::string& dir, CliContext& context)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (size_t k = 0; k < c.runs.size(); ++k) {
        const std::string base = dir + "/run" + std::to_string(c.runs[k].run.id);
        std::ofstream pra(base + ".pra"), dtl(base + ".dtl");
        if (!pra || !dtl) {
            context.err << "voxbench-cli compare: cannot write " << base << ".pra/.dtl\n";
            return 1;
        }
        scoring::writePralign(pra, *analysis.wordScores[k]);
        scoring::writeDetailReport(dtl, *analysis.wordScores[k], runName(c, k));
    }
    return 0;
}

int runCompare(const CompareArgs& a, CliContext& context)
{
    if (a.runs.size() < 2) {
        context.err << "voxbench-cli compare: give two runs or more (--run A --run B): each is compared with the first\n";
        return 2;
    }
    auto store = store::ProjectStore::open(a.project, store::ProjectStore::Mode::ReadOnly);
    if (!store) {
        context.err << "voxbench-cli compare: " << store.error().describe() << "\n";
        return 1;
    }
    auto comparison = run::compareRuns(**store, a.runs, a.normalizer);
    if (!comparison) {
        context.err << "voxbench-cli compare: " << comparison.error().describe() << "\n";
        return 1;
    }
    for (const auto& line : comparison->notComparable)
        context.err << "not comparable: " << line << "\n";
    const auto analysis = run::analyzeRuns(*comparison, a.options);
    if (a.output == "json")
        context.out << toJson(*comparison, analysis).dump(2) << "\n";
    else
        printText(*comparison, analysis, a, context.out);
    return a.sclite.empty() ? 0 : writeSclite(*comparison, analysis, a.sclite, context);
}

} // namespace

void addCompareCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<CompareArgs>();
    CLI::App* cmd = app.add_subcommand("compare", "Each run against the first: verdicts, broken and fixed utterances, "
                                                  "breakdowns, new errors, hallucination signals");
    cmd->add_option("-p,--project", a->project, "Project file")->required();
    cmd->add_option("--run", a->runs, "Run id (repeat; the first is the baseline)")->required();
    cmd->add_option("--normalizer", a->normalizer, "none, basic, whisper-en")->capture_default_str();
    cmd->add_option("--bootstrap", a->options.resamples, "Bootstrap resamples")->check(CLI::Range(1, 1000000))->capture_default_str();
    cmd->add_option("--seed", a->options.seed, "Bootstrap seed")->capture_default_str();
    cmd->add_option("--sclite", a->sclite, "Also write each run's sclite-style .pra and .dtl into this folder");
    cmd->add_option("--output,-o", a->output, "table, markdown or json")
        ->check(CLI::IsMember({"table", "json", "markdown"}))
        ->capture_default_str();
    cmd->callback([a, &context, &exitCode] { exitCode = runCompare(*a, context); });
}

} // namespace vox::cli
