#include "core/scoring/corpus_scorer.h"

#include "core/text/whitespace.h"

#include <algorithm>
#include <map>

namespace vox::scoring {

void GroupScore::add(const EditCounts& c)
{
    ++utterances;
    utterancesWithErrors += c.errors() > 0 ? 1 : 0;
    counts += c;
}

const UtteranceScore* CorpusScore::find(const std::string& id) const
{
    for (const auto& u : utterances)
        if (u.id == id)
            return &u;
    return nullptr;
}

CorpusScore scoreCorpus(const std::vector<TranscriptLine>& references, const std::vector<TranscriptLine>& hypotheses,
                        const ScoreOptions& options, const SpeakerMap* speakers)
{
    CorpusScore score;
    score.cost = options.cost;
    score.unit = options.unit;
    score.normalizerId = options.normalizer ? options.normalizer->id() : "none@1";
    score.total.name = "all";

    std::unordered_map<std::string_view, const TranscriptLine*> hypById;
    hypById.reserve(hypotheses.size());
    for (const auto& h : hypotheses)
        hypById.emplace(h.id, &h);

    const auto normalize = [&](const std::string& text) {
        return options.normalizer ? options.normalizer->normalize(text) : text::collapseWhitespace(text);
    };

    Aligner aligner(options.cost);
    std::map<std::string, GroupScore> bySpeaker;
    std::unordered_map<std::string_view, bool> referenced;
    referenced.reserve(references.size());
    score.utterances.reserve(references.size());

    for (const auto& r : references) {
        referenced.emplace(r.id, true);
        UtteranceScore u;
        u.id = r.id;
        u.reference = normalize(r.text);
        if (auto it = hypById.find(r.id); it != hypById.end()) {
            u.hypothesis = normalize(it->second->text);
        } else {
            u.hypothesisMissing = true;
            score.missingHypotheses.push_back(r.id);
        }
        u.ref = tokenize(u.reference, options.unit, score.vocabulary);
        u.hyp = tokenize(u.hypothesis, options.unit, score.vocabulary);
        if (options.keepAlignments)
            u.alignment = aligner.align(u.ref, u.hyp);
        else
            u.alignment.counts = aligner.count(u.ref, u.hyp);

        score.total.add(u.counts());
        if (speakers) {
            auto it = speakers->find(u.id);
            u.speaker = it != speakers->end() ? it->second : std::string("(unknown)");
            auto& group = bySpeaker[u.speaker];
            group.name = u.speaker;
            group.add(u.counts());
        }
        score.utterances.push_back(std::move(u));
    }
    for (const auto& h : hypotheses)
        if (!referenced.count(h.id))
            score.missingReferences.push_back(h.id);
    for (auto& [name, group] : bySpeaker)
        score.speakers.push_back(std::move(group));
    return score;
}

SpeakerMap speakersFromIds(const std::vector<TranscriptLine>& references, char separator)
{
    SpeakerMap map;
    for (const auto& r : references) {
        const auto at = r.id.find(separator);
        map.emplace(r.id, at == std::string::npos ? r.id : r.id.substr(0, at));
    }
    return map;
}

namespace {

std::vector<CountedPair> top(const CorpusScore& score, EditOp wanted, size_t n)
{
    std::map<std::pair<std::string, std::string>, int64_t> counts;
    for (const auto& u : score.utterances) {
        for (const auto& step : u.alignment.steps) {
            if (step.op != wanted)
                continue;
            const std::string ref = step.ref >= 0 ? score.vocabulary.text(u.ref[step.ref]) : std::string();
            const std::string hyp = step.hyp >= 0 ? score.vocabulary.text(u.hyp[step.hyp]) : std::string();
            ++counts[{ref, hyp}];
        }
    }
    std::vector<CountedPair> pairs;
    pairs.reserve(counts.size());
    for (const auto& [key, count] : counts)
        pairs.push_back({key.first, key.second, count});
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    if (pairs.size() > n)
        pairs.resize(n);
    return pairs;
}

} // namespace

std::vector<CountedPair> topSubstitutions(const CorpusScore& score, size_t n)
{
    return top(score, EditOp::Substitution, n);
}

std::vector<CountedPair> topInsertions(const CorpusScore& score, size_t n)
{
    return top(score, EditOp::Insertion, n);
}

std::vector<CountedPair> topDeletions(const CorpusScore& score, size_t n)
{
    return top(score, EditOp::Deletion, n);
}

} // namespace vox::scoring
