#include "app/cli/score_command.h"

#include "core/scoring/report.h"
#include "core/scoring/statistics.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <sstream>
#include <thread>
#include <memory>

namespace vox::cli {

namespace {

struct ScoreArgs {
    std::string ref, hyp, compare, format = "auto", normalizer = "none", cost = "sclite", output = "table";
    std::string utt2spk;
    bool cer = false, removeDiacritics = false, speakerFromId = false, strict = false;
    int bootstrap = 1000;
    int threads = 0;
    uint64_t seed = 1;
    size_t top = 10;
};

// Reads a transcript file and prints each unreadable line as "file:line: reason".
std::optional<scoring::TranscriptFile> load(const std::string& path, scoring::TranscriptFormat format,
                                            CliContext& context, bool& hadProblems)
{
    auto file = scoring::readTranscripts(path, format);
    if (!file) {
        context.err << "voxbench-cli score: " << file.error().describe() << "\n";
        return std::nullopt;
    }
    for (const auto& p : file->problems) {
        context.err << path << ":" << p.line << ": " << p.reason << "\n";
        hadProblems = true;
    }
    return std::move(file.value());
}

Expected<scoring::SpeakerMap> readUtt2spk(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return makeError("cannot open the utt2spk file", path);
    scoring::SpeakerMap map;
    std::string utt, spk;
    while (in >> utt >> spk)
        map[utt] = spk;
    return map;
}

int runScore(const ScoreArgs& a, CliContext& context)
{
    auto format = scoring::parseTranscriptFormat(a.format);
    if (!format) {
        context.err << "voxbench-cli score: " << format.error().message << "\n";
        return 2;
    }
    text::NormalizerOptions normalizerOptions;
    normalizerOptions.removeDiacritics = a.removeDiacritics;
    auto normalizer = text::makeNormalizer(a.normalizer, normalizerOptions);
    if (!normalizer) {
        context.err << "voxbench-cli score: " << normalizer.error().message << "\n";
        return 2;
    }

    // The two files are independent: read the hypotheses on a second thread.
    bool problems = false, hypProblems = false;
    std::ostringstream hypErrors;
    CliContext hypContext{hypErrors, hypErrors};
    std::optional<scoring::TranscriptFile> hyps;
    std::thread reader([&] { hyps = load(a.hyp, *format, hypContext, hypProblems); });
    auto refs = load(a.ref, *format, context, problems);
    reader.join();
    context.err << hypErrors.str();
    problems = problems || hypProblems;
    if (!refs || !hyps)
        return 1;

    std::optional<scoring::SpeakerMap> speakers;
    if (!a.utt2spk.empty()) {
        auto map = readUtt2spk(a.utt2spk);
        if (!map) {
            context.err << "voxbench-cli score: " << map.error().describe() << "\n";
            return 1;
        }
        speakers = std::move(map.value());
    } else if (a.speakerFromId) {
        speakers = scoring::speakersFromIds(refs->lines);
    }

    scoring::ScoreOptions options;
    options.cost = a.cost == "unit" ? scoring::CostModel::Unit : scoring::CostModel::Sclite;
    options.unit = a.cer ? scoring::Unit::Character : scoring::Unit::Word;
    options.normalizer = *normalizer;
    options.keepAlignments = a.output == "pralign" || !a.compare.empty(); // pralign prints the paths; the segment test reads them
    options.keepTexts = a.output == "json" || a.output == "csv";        // only these print the texts
    options.threads = a.threads;
    // Deliberately never freed: releasing a large corpus' thousands of small allocations costs
    // more than the work it follows, and the process ends right after the report.
    const auto& score = *new scoring::CorpusScore(
        scoring::scoreCorpus(refs->lines, hyps->lines, options, speakers ? &*speakers : nullptr));

    for (const auto& id : score.missingHypotheses)
        context.err << "voxbench-cli score: reference '" << id << "' has no hypothesis; scored as empty\n";
    for (const auto& id : score.missingReferences)
        context.err << "voxbench-cli score: hypothesis '" << id << "' has no reference; not scored\n";

    scoring::ReportOptions report;
    report.bootstrapResamples = a.bootstrap;
    report.seed = a.seed;
    report.top = a.top;
    if (a.output == "json")
        scoring::writeJson(context.out, score, report);
    else if (a.output == "csv")
        scoring::writeCsv(context.out, score);
    else if (a.output == "pralign")
        scoring::writePralign(context.out, score);
    else
        scoring::writeTable(context.out, score, report);

    if (!a.compare.empty()) {
        auto other = load(a.compare, *format, context, problems);
        if (!other)
            return 1;
        const auto scoreB = scoring::scoreCorpus(refs->lines, other->lines, options, nullptr);
        auto comparison = scoring::compareSystems(score, scoreB, std::max(a.bootstrap, 1), a.seed);
        if (!comparison) {
            context.err << "voxbench-cli score: " << comparison.error().message << "\n";
            return 1;
        }
        context.out << "\n";
        scoring::writeComparisonTable(context.out, *comparison, a.hyp, a.compare);
        context.out << "\n";
        scoring::writeConfusionChanges(context.out, scoring::confusionChanges(score, scoreB, 10), a.hyp, a.compare);
    }

    const bool mismatched = !score.missingHypotheses.empty() || !score.missingReferences.empty();
    if (a.strict && (mismatched || problems)) {
        context.err << "voxbench-cli score: --strict: the files do not match line for line (see above)\n";
        return 3;
    }
    return 0;
}

} // namespace

void addScoreCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<ScoreArgs>();
    CLI::App* cmd = app.add_subcommand("score", "Score hypothesis transcripts against references (WER/CER)");
    cmd->add_option("--ref,-r", a->ref, "Reference transcripts (trn or Kaldi text)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--hyp,-y", a->hyp, "Hypothesis transcripts (same format)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--compare", a->compare, "A second hypothesis file: paired comparison against --hyp")
        ->check(CLI::ExistingFile);
    cmd->add_option("--format", a->format, "Transcript format: auto, trn, kaldi")
        ->check(CLI::IsMember({"auto", "trn", "kaldi"}))
        ->capture_default_str();
    cmd->add_option("--normalizer,-n", a->normalizer, "Text normalizer: none, basic, whisper-en")->capture_default_str();
    cmd->add_flag("--remove-diacritics", a->removeDiacritics, "With --normalizer basic: strip accents (é -> e)");
    cmd->add_option("--cost", a->cost, "Alignment costs: sclite (sub 4, ins/del 3) or unit (all 1)")
        ->check(CLI::IsMember({"sclite", "unit"}))
        ->capture_default_str();
    cmd->add_flag("--cer", a->cer, "Score characters (grapheme clusters, white space ignored) instead of words");
    cmd->add_option("--output,-o", a->output, "Output: table, json, csv (per utterance), pralign (alignments)")
        ->check(CLI::IsMember({"table", "json", "csv", "pralign"}))
        ->capture_default_str();
    cmd->add_option("--bootstrap", a->bootstrap, "Bootstrap resamples for confidence intervals (0: none)")
        ->check(CLI::Range(0, 1000000))
        ->capture_default_str();
    cmd->add_option("--seed", a->seed, "Seed of the bootstrap")->capture_default_str();
    cmd->add_option("--threads", a->threads, "Worker threads (0: one per hardware thread)")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    cmd->add_option("--top", a->top, "How many confusion pairs, insertions and deletions to list")->capture_default_str();
    cmd->add_option("--utt2spk", a->utt2spk, "Kaldi utt2spk file: per-speaker rows")->check(CLI::ExistingFile);
    cmd->add_flag("--speaker-from-id", a->speakerFromId, "Speaker = utterance id up to the first '_' (sclite style)");
    cmd->add_flag("--strict", a->strict, "Exit with 3 when ids do not match or lines could not be read");
    cmd->callback([a, &context, &exitCode] { exitCode = runScore(*a, context); });
}

} // namespace vox::cli
