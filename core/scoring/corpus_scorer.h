#pragma once
#include "core/scoring/alignment.h"
#include "core/scoring/transcripts.h"
#include "core/scoring/units.h"
#include "core/text/normalizer.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

// Scores hypotheses against references, utterance by utterance, matched by id.
//
// Nothing is dropped silently: a reference without a hypothesis is scored against an empty
// hypothesis (every reference unit deleted) and its id is listed in missingHypotheses; a
// hypothesis without a reference cannot be scored and its id is listed in missingReferences.
namespace vox::scoring {

struct ScoreOptions {
    CostModel cost = CostModel::Sclite;
    Unit unit = Unit::Word;
    std::shared_ptr<const text::Normalizer> normalizer; // null: "none"
    bool keepAlignments = true; // false: counts and confusion tallies only, no per-utterance path
    bool keepTexts = true;      // false: normalized texts are not kept in UtteranceScore
    int threads = 0;            // normalization and alignment workers; 0: one per hardware thread
};

struct UtteranceScore {
    std::string id;
    std::string speaker;
    std::string reference;  // after normalization (empty unless ScoreOptions::keepTexts)
    std::string hypothesis; // after normalization (empty unless ScoreOptions::keepTexts)
    std::vector<Token> ref;
    std::vector<Token> hyp;
    Alignment alignment;    // steps empty when keepAlignments is false; counts always set
    bool hypothesisMissing = false;

    const EditCounts& counts() const { return alignment.counts; }
};

struct GroupScore {
    std::string name;
    int64_t utterances = 0;
    int64_t utterancesWithErrors = 0; // for the sentence error rate
    EditCounts counts;

    void add(const EditCounts& c);
    double sentenceErrorRate() const { return utterances ? double(utterancesWithErrors) / double(utterances) : 0.0; }
};

struct CorpusScore {
    std::string normalizerId; // "whisper-en@1"
    CostModel cost = CostModel::Sclite;
    Unit unit = Unit::Word;
    std::vector<UtteranceScore> utterances; // in reference order
    GroupScore total;
    std::vector<GroupScore> speakers;       // sorted by name; empty when speakers are unknown
    std::vector<std::string> missingHypotheses;
    std::vector<std::string> missingReferences;
    Vocabulary vocabulary;
    // Every error as a token pair key, (ref token + 1) << 32 | (hyp token + 1) with 0 for "none",
    // collected while aligning so the top lists need no stored paths.
    std::vector<uint64_t> substitutionKeys, deletionKeys, insertionKeys;

    const UtteranceScore* find(const std::string& id) const;
};

// utterance id -> speaker (Kaldi's utt2spk, or derived from ids).
using SpeakerMap = std::unordered_map<std::string, std::string>;

CorpusScore scoreCorpus(const std::vector<TranscriptLine>& references, const std::vector<TranscriptLine>& hypotheses,
                        const ScoreOptions& options, const SpeakerMap* speakers = nullptr);

// sclite's convention for trn ids ("speaker_utterance" or "speaker-utterance"): the part before
// the first separator.
SpeakerMap speakersFromIds(const std::vector<TranscriptLine>& references, char separator = '_');

struct CountedPair {
    std::string ref; // empty for an insertion
    std::string hyp; // empty for a deletion
    int64_t count = 0;
};
// Most frequent substitutions (ref -> hyp), inserted words and deleted words; ties by text.
std::vector<CountedPair> topSubstitutions(const CorpusScore& score, size_t n);
std::vector<CountedPair> topInsertions(const CorpusScore& score, size_t n);
std::vector<CountedPair> topDeletions(const CorpusScore& score, size_t n);

} // namespace vox::scoring
