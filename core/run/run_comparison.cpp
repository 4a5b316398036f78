#include "core/run/run_comparison.h"

#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/scoring/metrics.h"
#include "core/scoring/units.h"
#include "core/text/normalizer.h"

#include <nlohmann/json.hpp>

#include <map>

namespace vox::run {

using nlohmann::json;

std::vector<DiffToken> wordDiff(const std::string& ref, const std::string& hyp)
{
    scoring::Vocabulary vocabulary;
    const auto r = scoring::tokenize(ref, scoring::Unit::Word, vocabulary);
    const auto h = scoring::tokenize(hyp, scoring::Unit::Word, vocabulary);
    scoring::Aligner aligner(scoring::CostModel::Sclite);
    const auto alignment = aligner.align(r, h);
    std::vector<DiffToken> out;
    out.reserve(alignment.steps.size());
    for (const auto& step : alignment.steps)
        out.push_back({step.op, step.ref >= 0 ? vocabulary.text(r[size_t(step.ref)]) : std::string(),
                       step.hyp >= 0 ? vocabulary.text(h[size_t(step.hyp)]) : std::string()});
    return out;
}

std::vector<std::pair<std::string, std::string>> manifestFields(const std::string& extraJson)
{
    std::vector<std::pair<std::string, std::string>> out;
    const json extra = json::parse(extraJson, nullptr, false);
    if (!extra.is_object())
        return out;
    for (const auto& [key, value] : extra.items()) {
        if (value.is_string())
            out.emplace_back(key, value.get<std::string>());
        else if (value.is_boolean() || value.is_number())
            out.emplace_back(key, value.dump());
    }
    return out;
}

std::optional<double> cellWer(const ComparisonCell& cell)
{
    return scoring::errorRate(cell.counts);
}

Expected<RunComparison> compareRuns(store::ProjectStore& store, const std::vector<int64_t>& runIds,
                                    const std::string& normalizerName)
{
    RunComparison out;
    auto normalizer = text::makeNormalizer(normalizerName);
    if (!normalizer)
        return normalizer.error();
    out.normalizer = (*normalizer)->id();
    if (runIds.empty())
        return out;

    std::vector<store::RunRecord> records;
    for (int64_t id : runIds) {
        auto summary = summarizeRun(store, id, normalizerName);
        if (!summary)
            return summary.error();
        if (!out.runs.empty() && summary->run.datasetId != out.runs.front().run.datasetId)
            return makeError("run " + std::to_string(id) + " is over another dataset than run "
                             + std::to_string(runIds.front()) + "; compare runs over one dataset");
        out.runs.push_back(std::move(*summary));
    }
    for (size_t i = 1; i < out.runs.size(); ++i) {
        const auto diff = differences(out.runs[0].run.cardJson, out.runs[i].run.cardJson);
        if (!diff.empty())
            out.notComparable.push_back("run " + std::to_string(out.runs[i].run.id) + " (" + out.runs[i].variant
                                        + ") vs run " + std::to_string(out.runs[0].run.id) + " ("
                                        + out.runs[0].variant + "): " + describe(diff));
    }

    auto utterances = store.utterances(out.runs.front().run.datasetId);
    if (!utterances)
        return utterances.error();
    int64_t widest = 0;
    for (const auto& r : out.runs)
        widest = (r.settings.limit == 0 || widest == -1) ? -1 : std::max(widest, r.settings.limit);
    const auto covered = runUtterances(std::move(*utterances), widest < 0 ? 0 : widest);
    std::map<int64_t, size_t> rowOf;
    for (const auto& u : covered) {
        ComparisonRow row;
        row.utteranceId = u.id;
        row.uttId = u.uttId;
        row.reference = u.reference;
        row.normalizedReference = (*normalizer)->normalize(u.reference);
        row.speaker = u.speaker;
        row.fields = manifestFields(u.extraJson);
        row.audioSeconds = u.duration.value_or(0.0);
        row.cells.resize(out.runs.size());
        rowOf[u.id] = out.rows.size();
        out.rows.push_back(std::move(row));
    }
    for (size_t k = 0; k < out.runs.size(); ++k) {
        auto results = store.results(out.runs[k].run.id);
        if (!results)
            return results.error();
        const double noSpeechThreshold = out.runs[k].settings.noSpeechThreshold.value_or(kDefaultNoSpeechThreshold);
        for (const auto& r : *results) {
            const auto it = rowOf.find(r.utteranceId);
            if (it == rowOf.end())
                continue;
            ComparisonRow& row = out.rows[it->second];
            ComparisonCell& cell = row.cells[k];
            cell.present = true;
            cell.hypothesis = r.hypothesis;
            cell.error = r.error;
            const json t = json::parse(r.timingsJson, nullptr, false);
            if (t.is_object()) {
                cell.ms = t.value("per_utterance_ms", t.value("total_ms", 0.0));
                if (row.audioSeconds <= 0)
                    row.audioSeconds = t.value("audio_s", 0.0);
            }
            const json output = json::parse(r.outputJson, nullptr, false);
            if (output.is_object() && output.contains("no_speech_probability")) {
                for (const auto& p : output["no_speech_probability"])
                    if (p.is_number())
                        cell.noSpeechProbability = std::max(cell.noSpeechProbability.value_or(0.0), p.get<double>());
                cell.noSpeech = output.value("no_speech", false)
                                || (cell.noSpeechProbability && *cell.noSpeechProbability > noSpeechThreshold);
            }
            if (!r.error.empty())
                continue;
            cell.normalizedHypothesis = (*normalizer)->normalize(r.hypothesis);
            cell.diff = wordDiff(row.normalizedReference, cell.normalizedHypothesis);
            for (const auto& d : cell.diff) {
                switch (d.op) {
                case scoring::EditOp::Correct: ++cell.counts.correct; break;
                case scoring::EditOp::Substitution: ++cell.counts.substitutions; break;
                case scoring::EditOp::Deletion: ++cell.counts.deletions; break;
                case scoring::EditOp::Insertion: ++cell.counts.insertions; break;
                }
            }
        }
    }
    return out;
}

} // namespace vox::run
