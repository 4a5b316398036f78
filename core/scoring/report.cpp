#include "core/scoring/report.h"

#include "core/scoring/metrics.h"
#include "core/util/csv.h"

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <iomanip>

namespace vox::scoring {

const char* costModelName(CostModel model)
{
    return model == CostModel::Sclite ? "sclite" : "unit";
}

namespace {

std::string percent(std::optional<double> rate)
{
    if (!rate)
        return "n/a";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f%%", *rate * 100.0);
    return buffer;
}

nlohmann::json rateJson(std::optional<double> rate)
{
    return rate ? nlohmann::json(*rate) : nlohmann::json(nullptr);
}

nlohmann::json countsJson(const EditCounts& c)
{
    return {{"correct", c.correct},       {"substitutions", c.substitutions}, {"deletions", c.deletions},
            {"insertions", c.insertions}, {"errors", c.errors()},             {"reference_length", c.referenceLength()},
            {"hypothesis_length", c.hypothesisLength()}, {"error_rate", rateJson(errorRate(c))},
            {"mer", rateJson(matchErrorRate(c))},        {"wil", rateJson(wordInformationLost(c))}};
}

nlohmann::json groupJson(const GroupScore& g)
{
    nlohmann::json j = countsJson(g.counts);
    j["name"] = g.name;
    j["utterances"] = g.utterances;
    j["utterances_with_errors"] = g.utterancesWithErrors;
    j["sentence_error_rate"] = g.sentenceErrorRate();
    return j;
}

void writeGroupRow(std::ostream& out, const GroupScore& g)
{
    const EditCounts& c = g.counts;
    out << std::left << std::setw(18) << g.name.substr(0, 17) << std::right << std::setw(7) << g.utterances
        << std::setw(9) << c.referenceLength() << std::setw(8) << c.correct << std::setw(7) << c.substitutions
        << std::setw(7) << c.deletions << std::setw(7) << c.insertions << std::setw(8) << c.errors() << std::setw(9)
        << percent(errorRate(c)) << std::setw(9) << percent(matchErrorRate(c)) << std::setw(9)
        << percent(wordInformationLost(c)) << std::setw(9) << percent(g.sentenceErrorRate()) << "\n";
}

std::string upper(const std::string& text)
{
    std::string out;
    icu::UnicodeString::fromUTF8(text).toUpper(icu::Locale::getRoot()).toUTF8String(out);
    return out;
}

// Display width in code points: good enough to line up REF/HYP/Eval for most scripts.
size_t width(const std::string& s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

void pad(std::string& line, const std::string& text, size_t to)
{
    line += text;
    line.append(to - width(text) + 1, ' ');
}

} // namespace

void writeTable(std::ostream& out, const CorpusScore& score, const ReportOptions& options)
{
    const char* unit = score.unit == Unit::Word ? "WER" : "CER";
    out << "VoxBench score: " << score.utterances.size() << " utterances, " << unitName(score.unit)
        << " units, cost " << costModelName(score.cost) << ", normalizer " << score.normalizerId << "\n\n";
    out << std::left << std::setw(18) << "" << std::right << std::setw(7) << "Utts" << std::setw(9) << "Ref"
        << std::setw(8) << "Corr" << std::setw(7) << "Sub" << std::setw(7) << "Del" << std::setw(7) << "Ins"
        << std::setw(8) << "Err" << std::setw(9) << unit << std::setw(9) << "MER" << std::setw(9) << "WIL"
        << std::setw(9) << "SER" << "\n";
    writeGroupRow(out, score.total);
    for (const auto& speaker : score.speakers)
        writeGroupRow(out, speaker);

    if (options.bootstrapResamples > 0) {
        if (auto ci = bootstrapErrorRate(utteranceCounts(score), options.bootstrapResamples, options.seed)) {
            out << "\n" << unit << " " << percent(ci->estimate) << ", " << int(ci->level * 100)
                << "% confidence interval [" << percent(ci->low) << ", " << percent(ci->high) << "] (bootstrap over utterances, "
                << ci->resamples << " resamples, seed " << ci->seed << ")\n";
        }
    }
    if (!score.missingHypotheses.empty()) {
        out << "\n" << score.missingHypotheses.size() << " reference(s) without a hypothesis, scored as empty:";
        for (const auto& id : score.missingHypotheses)
            out << " " << id;
        out << "\n";
    }
    if (!score.missingReferences.empty()) {
        out << "\n" << score.missingReferences.size() << " hypothesis/hypotheses without a reference, not scored:";
        for (const auto& id : score.missingReferences)
            out << " " << id;
        out << "\n";
    }
    const auto list = [&](const char* title, const std::vector<CountedPair>& pairs) {
        if (pairs.empty())
            return;
        out << "\n" << title << ":\n";
        for (const auto& p : pairs) {
            out << std::setw(8) << p.count << "  ";
            if (!p.ref.empty() && !p.hyp.empty())
                out << p.ref << " -> " << p.hyp << "\n";
            else
                out << (p.ref.empty() ? p.hyp : p.ref) << "\n";
        }
    };
    list("Most frequent substitutions (reference -> hypothesis)", topSubstitutions(score, options.top));
    list("Most frequent deletions", topDeletions(score, options.top));
    list("Most frequent insertions", topInsertions(score, options.top));
}

void writeJson(std::ostream& out, const CorpusScore& score, const ReportOptions& options)
{
    nlohmann::json j;
    j["settings"] = {{"unit", unitName(score.unit)}, {"cost", costModelName(score.cost)},
                     {"normalizer", score.normalizerId}};
    j["total"] = groupJson(score.total);
    j["speakers"] = nlohmann::json::array();
    for (const auto& s : score.speakers)
        j["speakers"].push_back(groupJson(s));
    if (options.bootstrapResamples > 0) {
        if (auto ci = bootstrapErrorRate(utteranceCounts(score), options.bootstrapResamples, options.seed))
            j["confidence_interval"] = {{"estimate", ci->estimate}, {"low", ci->low},   {"high", ci->high},
                                        {"level", ci->level},       {"resamples", ci->resamples}, {"seed", ci->seed},
                                        {"method", "bootstrap over utterances, percentile"}};
    }
    j["missing_hypotheses"] = score.missingHypotheses;
    j["missing_references"] = score.missingReferences;
    const auto pairs = [](const std::vector<CountedPair>& list) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& p : list)
            a.push_back({{"reference", p.ref}, {"hypothesis", p.hyp}, {"count", p.count}});
        return a;
    };
    j["top_substitutions"] = pairs(topSubstitutions(score, options.top));
    j["top_deletions"] = pairs(topDeletions(score, options.top));
    j["top_insertions"] = pairs(topInsertions(score, options.top));
    j["utterances"] = nlohmann::json::array();
    for (const auto& u : score.utterances) {
        nlohmann::json ju = countsJson(u.counts());
        ju["id"] = u.id;
        if (!u.speaker.empty())
            ju["speaker"] = u.speaker;
        ju["reference"] = u.reference;
        ju["hypothesis"] = u.hypothesis;
        ju["hypothesis_missing"] = u.hypothesisMissing;
        j["utterances"].push_back(std::move(ju));
    }
    out << j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void writeCsv(std::ostream& out, const CorpusScore& score)
{
    out << "id,speaker,reference_length,hypothesis_length,correct,substitutions,deletions,insertions,errors,"
           "error_rate,hypothesis_missing,reference,hypothesis\n";
    for (const auto& u : score.utterances) {
        const EditCounts& c = u.counts();
        const auto rate = errorRate(c);
        out << csvField(u.id) << ',' << csvField(u.speaker) << ',' << c.referenceLength() << ','
            << c.hypothesisLength() << ',' << c.correct << ',' << c.substitutions << ',' << c.deletions << ','
            << c.insertions << ',' << c.errors() << ',';
        if (rate)
            out << *rate;
        out << ',' << (u.hypothesisMissing ? "true" : "false") << ',' << csvField(u.reference) << ','
            << csvField(u.hypothesis) << "\n";
    }
}

void writePralign(std::ostream& out, const CorpusScore& score)
{
    for (const auto& u : score.utterances) {
        const EditCounts& c = u.counts();
        out << "id: (" << u.id << ")\n"
            << "Scores: (#C #S #D #I) " << c.correct << ' ' << c.substitutions << ' ' << c.deletions << ' '
            << c.insertions << "\n";
        if (u.hypothesisMissing)
            out << "Note: no hypothesis for this id; scored as empty\n";
        std::string ref = "REF:  ", hyp = "HYP:  ", eval = "Eval: ";
        for (const auto& step : u.alignment.steps) {
            std::string r = step.ref >= 0 ? score.vocabulary.text(u.ref[step.ref]) : std::string();
            std::string h = step.hyp >= 0 ? score.vocabulary.text(u.hyp[step.hyp]) : std::string();
            const char* mark = "";
            switch (step.op) {
            case EditOp::Correct: break;
            case EditOp::Substitution: r = upper(r), h = upper(h), mark = "S"; break;
            case EditOp::Deletion: r = upper(r), h = std::string(width(r), '*'), mark = "D"; break;
            case EditOp::Insertion: h = upper(h), r = std::string(width(h), '*'), mark = "I"; break;
            }
            const size_t w = std::max(width(r), width(h));
            pad(ref, r, w);
            pad(hyp, h, w);
            pad(eval, mark, w);
        }
        out << ref << "\n" << hyp << "\n" << eval << "\n\n";
    }
}

void writeComparisonTable(std::ostream& out, const PairedComparison& c, const std::string& nameA,
                          const std::string& nameB)
{
    out << "Paired comparison on " << c.utterances << " utterances scored by both:\n"
        << "  " << nameA << ": " << percent(c.rateA) << "\n"
        << "  " << nameB << ": " << percent(c.rateB) << "\n"
        << "  difference (B - A): " << percent(c.delta.estimate) << ", " << int(c.delta.level * 100) << "% interval ["
        << percent(c.delta.low) << ", " << percent(c.delta.high) << "]\n"
        << "  paired bootstrap p = " << c.bootstrapP << " (" << c.delta.resamples << " resamples, seed "
        << c.delta.seed << ")\n"
        << "  matched-pairs test (utterances as segments): Z = " << c.matchedPairsZ << ", p = " << c.matchedPairsP
        << "\n";
    if (c.segments)
        out << "  matched-pairs sentence-segment test (sc_stats' MAPSSWE, " << c.segments->boundaryWords
            << " boundary words): " << c.segments->segments << " segments, mean B - A " << c.segments->mean << ", sd "
            << c.segments->sd << ", Z = " << c.segments->z << ", p = " << c.segments->p << "\n";
    out << "  verdict: " << nameB << " against " << nameA << ": " << describeVerdict(c, c.delta.level) << "\n"
        << "  correct under A, wrong under B: " << c.correctToWrong.size() << "\n"
        << "  wrong under A, correct under B: " << c.wrongToCorrect.size() << "\n";
    const auto ids = [&](const char* title, const std::vector<std::string>& list) {
        if (list.empty())
            return;
        out << title;
        for (const auto& id : list)
            out << " " << id;
        out << "\n";
    };
    ids("  became wrong:", c.correctToWrong);
    ids("  became correct:", c.wrongToCorrect);
}

void writeConfusionChanges(std::ostream& out, const std::vector<ConfusionChange>& changes, const std::string& nameA,
                           const std::string& nameB)
{
    if (changes.empty())
        return;
    out << "Errors of " << nameB << " by count, with " << nameA << "'s count of the same:\n";
    for (const auto& c : changes) {
        const char* kind = c.kind == EditOp::Substitution ? "substitution" : c.kind == EditOp::Insertion ? "insertion"
                                                                                                          : "deletion";
        const std::string pair = c.kind == EditOp::Substitution ? c.ref + " -> " + c.hyp
                                 : c.kind == EditOp::Insertion  ? "+ " + c.hyp
                                                                : "- " + c.ref;
        out << "  " << std::left << std::setw(13) << kind << std::setw(30) << pair << std::right << std::setw(6)
            << c.count << "  (" << nameA << ": " << c.baseline << (c.isNew() ? ", new)" : ")") << "\n";
    }
}

} // namespace vox::scoring
