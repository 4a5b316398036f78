#pragma once
// Greedy and beam search over a decoder, exactly as docs/MODEL-PACKAGE.md ("Decoding")
// specifies and tools/whisper/reference.py does. Torch-free: the model is reached through
// DecoderSession, so the rules can be tested with a scripted model.
#include "core/util/expected.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace vox::whisper {

struct RepetitionGuard {
    int maxNgram = 8;
    int repeats = 5;
};

// True when `tokens` ends with `repeats` copies of one n-gram, for some n in 1..maxNgram.
bool repetitionTripped(const std::vector<int64_t>& tokens, const RepetitionGuard& guard);

enum class FinishReason { EndOfText, Repetition, MaxLength, Cancelled };
const char* finishReasonName(FinishReason reason);

struct TokenLogProb {
    float logProb = 0;
    int64_t token = 0;
};

// One batch of decoder rows whose prompt has already been run. Row r's "last logits" are the
// next-token logits of row r after the most recent call. Implementations apply the manifest's
// suppression (and, when firstStep, the begin suppression) before ranking.
class DecoderSession {
public:
    virtual ~DecoderSession() = default;
    // Argmax of every row's modified last logits (first index of the maximum).
    virtual Expected<std::vector<int64_t>> argmax(bool firstStep) = 0;
    // The `count` best tokens of log_softmax(modified last logits) per row, best first, ties
    // by lower id.
    virtual Expected<std::vector<std::vector<TokenLogProb>>> best(bool firstStep, int count) = 0;
    // Runs one token per row at position `offset`. For beam search `sourceRows` first picks the
    // cache rows (row i of the new batch continues old row sourceRows[i]); empty keeps them.
    virtual Expected<Done> step(const std::vector<int64_t>& tokens, int offset, const std::vector<int64_t>& sourceRows) = 0;
    // Per row, the probability of the no-speech token in the logits at the start-of-transcript
    // position of the prompt call (OpenAI's no_speech_prob); empty where the model gives none.
    virtual std::vector<float> noSpeechProbabilities() const { return {}; }
};

struct SearchSettings {
    int promptLength = 0;
    int maxNewTokens = 0;    // N in the spec: already min(max new tokens, n_text_ctx - prompt)
    int64_t endOfText = 0;
    RepetitionGuard guard;
    const std::atomic<bool>* cancel = nullptr; // checked before every decoder step
};

struct Hypothesis {
    std::vector<int64_t> tokens; // sampled tokens: no prompt, no end-of-text
    FinishReason finishedBy = FinishReason::MaxLength;
    double sumLogProb = 0;       // beam search only
};

struct SearchResult {
    std::vector<Hypothesis> rows; // greedy: one per row; beam: the chosen hypothesis
    int steps = 0;                // DecoderSession::step calls made
    bool cancelled = false;
};

// Every row independent; rows that finished are fed end-of-text, as the reference does.
Expected<SearchResult> greedySearch(DecoderSession& session, int rows, const SearchSettings& settings);

// One utterance window (the session starts with one row); Whisper's ranker, length penalty
// none, patience 1.
Expected<SearchResult> beamSearch(DecoderSession& session, int beamSize, const SearchSettings& settings);

} // namespace vox::whisper
