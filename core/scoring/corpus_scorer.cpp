#include "core/scoring/corpus_scorer.h"

#include "core/scoring/alignment_trace.h"
#include "core/util/parallel.h"

#include "core/text/whitespace.h"

#include <algorithm>
#include <map>
#include <tuple>

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

    // 1. Match ids (serial).
    std::unordered_map<std::string_view, size_t> hypIndex;
    hypIndex.reserve(hypotheses.size());
    for (size_t i = 0; i < hypotheses.size(); ++i)
        hypIndex.emplace(hypotheses[i].id, i);
    std::vector<char> used(hypotheses.size(), 0);
    std::vector<const TranscriptLine*> hypOf(references.size(), nullptr);
    for (size_t i = 0; i < references.size(); ++i) {
        if (auto it = hypIndex.find(references[i].id); it != hypIndex.end()) {
            hypOf[i] = &hypotheses[it->second];
            used[it->second] = 1;
        } else {
            score.missingHypotheses.push_back(references[i].id);
        }
    }
    for (size_t i = 0; i < hypotheses.size(); ++i)
        if (!used[i])
            score.missingReferences.push_back(hypotheses[i].id);

    // 2. Normalize and tokenize (parallel: normalizers are const and thread-safe). Each worker
    //    interns into its own vocabulary; the vocabularies are merged below.
    const auto normalize = [&](const std::string& text) {
        return options.normalizer ? options.normalizer->normalize(text) : text::collapseWhitespace(text);
    };
    score.utterances.resize(references.size());
    const size_t workers = parallelWorkerCount(references.size(), options.threads);
    std::vector<Vocabulary> local(workers);
    std::vector<size_t> workerOf(references.size());
    parallelRanges(references.size(), options.threads, [&](size_t begin, size_t end, size_t worker) {
        for (size_t i = begin; i < end; ++i) {
            UtteranceScore& u = score.utterances[i];
            u.id = references[i].id;
            u.hypothesisMissing = hypOf[i] == nullptr;
            std::string reference = normalize(references[i].text);
            std::string hypothesis = hypOf[i] ? normalize(hypOf[i]->text) : std::string();
            u.ref = tokenize(reference, options.unit, local[worker]);
            u.hyp = tokenize(hypothesis, options.unit, local[worker]);
            if (options.keepTexts) {
                u.reference = std::move(reference);
                u.hypothesis = std::move(hypothesis);
            }
            workerOf[i] = worker;
        }
    });
    std::vector<std::vector<Token>> remap(workers);
    for (size_t w = 0; w < workers; ++w) {
        remap[w].resize(local[w].size());
        for (Token t = 0; t < local[w].size(); ++t)
            remap[w][t] = score.vocabulary.intern(local[w].text(t));
    }
    parallelRanges(references.size(), options.threads, [&](size_t begin, size_t end, size_t) {
        for (size_t i = begin; i < end; ++i) {
            UtteranceScore& u = score.utterances[i];
            const auto& map = remap[workerOf[i]];
            for (Token& t : u.ref)
                t = map[t];
            for (Token& t : u.hyp)
                t = map[t];
        }
    });

    // 3. Align (parallel), each worker with its own aligner and error lists.
    struct WorkerTally {
        std::vector<uint64_t> substitutions, deletions, insertions;
    };
    std::vector<WorkerTally> tallies(workers);
    parallelRanges(references.size(), options.threads, [&](size_t begin, size_t end, size_t worker) {
        Aligner aligner(options.cost);
        WorkerTally& t = tallies[worker];
        for (size_t i = begin; i < end; ++i) {
            UtteranceScore& u = score.utterances[i];
            EditCounts& counts = u.alignment.counts;
            aligner.trace(u.ref, u.hyp, [&](EditOp op, int32_t ri, int32_t hi) {
                tally(counts, op);
                const uint64_t rt = ri >= 0 ? uint64_t(u.ref[ri]) + 1 : 0;
                const uint64_t ht = hi >= 0 ? uint64_t(u.hyp[hi]) + 1 : 0;
                switch (op) {
                case EditOp::Correct: break;
                case EditOp::Substitution: t.substitutions.push_back((rt << 32) | ht); break;
                case EditOp::Deletion: t.deletions.push_back(rt << 32); break;
                case EditOp::Insertion: t.insertions.push_back(ht); break;
                }
                if (options.keepAlignments)
                    u.alignment.steps.push_back({op, ri, hi});
            });
            std::reverse(u.alignment.steps.begin(), u.alignment.steps.end());
        }
    });
    for (auto& t : tallies) {
        score.substitutionKeys.insert(score.substitutionKeys.end(), t.substitutions.begin(), t.substitutions.end());
        score.deletionKeys.insert(score.deletionKeys.end(), t.deletions.begin(), t.deletions.end());
        score.insertionKeys.insert(score.insertionKeys.end(), t.insertions.begin(), t.insertions.end());
    }

    // 4. Totals and speakers (serial).
    std::map<std::string, GroupScore> bySpeaker;
    for (auto& u : score.utterances) {
        score.total.add(u.counts());
        if (speakers) {
            auto it = speakers->find(u.id);
            u.speaker = it != speakers->end() ? it->second : std::string("(unknown)");
            auto& group = bySpeaker[u.speaker];
            group.name = u.speaker;
            group.add(u.counts());
        }
    }
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

std::vector<CountedPair> top(const CorpusScore& score, std::vector<uint64_t> keys, size_t n)
{
    // Count equal keys after sorting; texts are looked up only for what is listed.
    std::sort(keys.begin(), keys.end());
    std::vector<std::pair<uint64_t, int64_t>> counts;
    for (size_t i = 0; i < keys.size();) {
        size_t j = i;
        while (j < keys.size() && keys[j] == keys[i])
            ++j;
        counts.emplace_back(keys[i], int64_t(j - i));
        i = j;
    }
    const auto textOf = [&](uint64_t id) { return id ? score.vocabulary.text(Token(id - 1)) : std::string(); };
    std::vector<CountedPair> pairs;
    pairs.reserve(counts.size());
    for (const auto& [key, count] : counts)
        pairs.push_back({textOf(key >> 32), textOf(key & 0xFFFFFFFFu), count});
    std::sort(pairs.begin(), pairs.end(), [](const CountedPair& a, const CountedPair& b) {
        return a.count != b.count ? a.count > b.count : std::tie(a.ref, a.hyp) < std::tie(b.ref, b.hyp);
    });
    if (pairs.size() > n)
        pairs.resize(n);
    return pairs;
}

} // namespace

std::vector<CountedPair> topSubstitutions(const CorpusScore& score, size_t n)
{
    return top(score, score.substitutionKeys, n);
}

std::vector<CountedPair> topInsertions(const CorpusScore& score, size_t n)
{
    return top(score, score.insertionKeys, n);
}

std::vector<CountedPair> topDeletions(const CorpusScore& score, size_t n)
{
    return top(score, score.deletionKeys, n);
}

} // namespace vox::scoring
