#include "core/run/run_analysis.h"

#include <cstdio>

namespace vox::run {

namespace {

bool scored(const ComparisonCell& cell)
{
    return cell.present && cell.error.empty();
}

// A run's scored utterances as trn lines of normalized text (the comparison normalized them).
std::shared_ptr<scoring::CorpusScore> scoreRun(const RunComparison& comparison, size_t run, scoring::Unit unit)
{
    std::vector<scoring::TranscriptLine> refs, hyps;
    for (const auto& row : comparison.rows) {
        const auto& cell = row.cells[run];
        if (!scored(cell))
            continue;
        refs.push_back({row.uttId, row.normalizedReference, 0});
        hyps.push_back({row.uttId, cell.normalizedHypothesis, 0});
    }
    scoring::ScoreOptions options; // no normalizer: the texts are normalized already
    options.unit = unit;
    options.keepAlignments = true;
    options.keepTexts = false;
    auto score = std::make_shared<scoring::CorpusScore>(scoring::scoreCorpus(refs, hyps, options));
    score->normalizerId = comparison.normalizer;
    return score;
}

std::optional<scoring::PairedComparison> paired(const scoring::CorpusScore& a, const scoring::CorpusScore& b,
                                                const AnalysisOptions& options)
{
    auto c = scoring::compareSystems(a, b, options.resamples, options.seed, options.level);
    if (!c || c->utterances == 0)
        return std::nullopt;
    if (options.boundaryWords != 2) {
        auto segments = scoring::segmentTest(a, b, options.boundaryWords);
        c->segments = segments ? std::optional(*segments) : std::nullopt;
    }
    return *c;
}

} // namespace

std::string describeAnalysisSettings(const AnalysisOptions& o)
{
    char text[512];
    std::snprintf(text, sizeof text,
                  "each run against the baseline on the utterances both scored: paired bootstrap over utterances "
                  "(%d resamples, seed %llu, %g %% percentile interval, two-sided p) and sc_stats' matched-pairs "
                  "sentence-segment test (MAPSSWE, segments bounded by %d words both got right); the verdict is "
                  "the segment test's at %g %%",
                  o.resamples, static_cast<unsigned long long>(o.seed), o.level * 100, o.boundaryWords, o.level * 100);
    return text;
}

const char* hallucinationName(HallucinationKind kind)
{
    switch (kind) {
    case HallucinationKind::MuchLonger: return "much longer";
    case HallucinationKind::RepeatedNgram: return "repeated n-gram";
    case HallucinationKind::TextOnNoSpeech: return "text on no speech";
    }
    return "";
}

RunAnalysis analyzeRuns(const RunComparison& comparison, const AnalysisOptions& options)
{
    RunAnalysis out;
    out.options = options;
    const size_t runs = comparison.runs.size();
    if (runs == 0)
        return out;
    std::vector<std::shared_ptr<scoring::CorpusScore>> chars;
    for (size_t k = 0; k < runs; ++k) {
        out.wordScores.push_back(scoreRun(comparison, k, scoring::Unit::Word));
        chars.push_back(runs > 1 ? scoreRun(comparison, k, scoring::Unit::Character) : nullptr);
    }
    for (size_t k = 0; k < runs; ++k)
        out.confusions.push_back(scoring::confusionChanges(*out.wordScores[0], *out.wordScores[k], options.confusions));

    for (size_t k = 1; k < runs; ++k) {
        BaselineComparison c;
        c.run = k;
        auto words = paired(*out.wordScores[0], *out.wordScores[k], options);
        if (words) {
            c.words = *words;
            c.verdict = scoring::verdictOf(c.words, options.level);
            c.sentence = scoring::describeVerdict(c.words, options.level);
        } else {
            c.sentence = "no utterance was scored by both runs";
        }
        c.characters = paired(*chars[0], *chars[k], options);
        for (size_t r = 0; r < comparison.rows.size(); ++r) {
            const auto& base = comparison.rows[r].cells[0];
            const auto& cell = comparison.rows[r].cells[k];
            if (!scored(base) || !scored(cell))
                continue;
            const bool baseRight = base.counts.errors() == 0, right = cell.counts.errors() == 0;
            if (baseRight && !right)
                c.broken.push_back(r);
            else if (!baseRight && right)
                c.fixed.push_back(r);
        }
        out.against.push_back(std::move(c));
    }
    out.breakdowns = breakdownsOf(comparison, options);
    out.hallucinations = hallucinationsOf(comparison, options);
    return out;
}

std::vector<size_t> rowsWithConfusion(const RunComparison& comparison, size_t run, const scoring::ConfusionChange& pair)
{
    std::vector<size_t> out;
    for (size_t r = 0; r < comparison.rows.size(); ++r) {
        if (run >= comparison.rows[r].cells.size())
            break;
        for (const auto& d : comparison.rows[r].cells[run].diff)
            if (d.op == pair.kind && d.ref == pair.ref && d.hyp == pair.hyp) {
                out.push_back(r);
                break;
            }
    }
    return out;
}

} // namespace vox::run
