#include "core/whisper/search.h"

#include <algorithm>

namespace vox::whisper {

bool repetitionTripped(const std::vector<int64_t>& tokens, const RepetitionGuard& guard)
{
    if (guard.repeats < 2)
        return false;
    const size_t len = tokens.size();
    for (int n = 1; n <= guard.maxNgram; ++n) {
        const size_t span = static_cast<size_t>(n) * static_cast<size_t>(guard.repeats);
        if (len < span)
            break;
        bool all = true;
        for (size_t k = 0; k < span && all; ++k)
            all = tokens[len - span + k] == tokens[len - static_cast<size_t>(n) + k % static_cast<size_t>(n)];
        if (all)
            return true;
    }
    return false;
}

const char* finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::EndOfText: return "eot";
    case FinishReason::Repetition: return "repetition";
    case FinishReason::MaxLength: return "max_length";
    case FinishReason::Cancelled: return "cancelled";
    }
    return "?";
}

namespace {

bool cancelRequested(const SearchSettings& s)
{
    return s.cancel && s.cancel->load(std::memory_order_relaxed);
}

} // namespace

Expected<SearchResult> greedySearch(DecoderSession& session, int rows, const SearchSettings& settings)
{
    SearchResult result;
    result.rows.resize(static_cast<size_t>(rows));
    std::vector<bool> done(static_cast<size_t>(rows), false);
    for (int i = 0; i < settings.maxNewTokens; ++i) {
        auto next = session.argmax(i == 0);
        if (!next)
            return next.error();
        for (size_t r = 0; r < done.size(); ++r) {
            if (done[r])
                continue;
            auto& row = result.rows[r];
            if ((*next)[r] == settings.endOfText) {
                done[r] = true;
                row.finishedBy = FinishReason::EndOfText;
                continue;
            }
            row.tokens.push_back((*next)[r]);
            if (repetitionTripped(row.tokens, settings.guard)) {
                done[r] = true;
                row.finishedBy = FinishReason::Repetition;
            }
        }
        if (std::all_of(done.begin(), done.end(), [](bool d) { return d; }) || i == settings.maxNewTokens - 1)
            break;
        if (cancelRequested(settings)) {
            result.cancelled = true;
            for (size_t r = 0; r < done.size(); ++r)
                if (!done[r])
                    result.rows[r].finishedBy = FinishReason::Cancelled;
            break;
        }
        std::vector<int64_t> feed(done.size());
        for (size_t r = 0; r < done.size(); ++r)
            feed[r] = done[r] ? settings.endOfText : (*next)[r];
        if (auto ok = session.step(feed, settings.promptLength + i, {}); !ok)
            return ok.error();
        ++result.steps;
    }
    return result;
}

namespace {

struct Candidate {
    double score;
    size_t source; // live hypothesis it extends
    int64_t token;
};

} // namespace

Expected<SearchResult> beamSearch(DecoderSession& session, int beamSize, const SearchSettings& settings)
{
    const size_t k = static_cast<size_t>(std::max(1, beamSize));
    SearchResult result;
    std::vector<Hypothesis> live(1);
    std::vector<Hypothesis> finished;
    for (int i = 0; i < settings.maxNewTokens; ++i) {
        auto best = session.best(i == 0, static_cast<int>(k) + 1);
        if (!best)
            return best.error();
        std::vector<Candidate> candidates;
        for (size_t b = 0; b < live.size(); ++b)
            for (const auto& t : (*best)[b])
                candidates.push_back({live[b].sumLogProb + static_cast<double>(t.logProb), b, t.token});
        // Stable: equal scores keep hypothesis order, then rank order.
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });

        std::vector<Hypothesis> next;
        std::vector<int64_t> sources;
        for (const auto& c : candidates) {
            if (c.token == settings.endOfText) {
                if (finished.size() < k)
                    finished.push_back({live[c.source].tokens, FinishReason::EndOfText, c.score});
                continue;
            }
            Hypothesis h{live[c.source].tokens, FinishReason::MaxLength, c.score};
            h.tokens.push_back(c.token);
            if (repetitionTripped(h.tokens, settings.guard)) {
                if (finished.size() < k) {
                    h.finishedBy = FinishReason::Repetition;
                    finished.push_back(std::move(h));
                }
                continue;
            }
            next.push_back(std::move(h));
            sources.push_back(static_cast<int64_t>(c.source));
            if (next.size() == k)
                break;
        }
        live = std::move(next);
        if (finished.size() >= k || live.empty() || i == settings.maxNewTokens - 1)
            break;
        if (cancelRequested(settings)) {
            result.cancelled = true;
            for (auto& h : live)
                h.finishedBy = FinishReason::Cancelled;
            break;
        }
        std::vector<int64_t> feed;
        for (const auto& h : live)
            feed.push_back(h.tokens.back());
        if (auto ok = session.step(feed, settings.promptLength + i, sources); !ok)
            return ok.error();
        ++result.steps;
    }
    if (finished.size() < k) {
        std::stable_sort(live.begin(), live.end(),
                         [](const Hypothesis& a, const Hypothesis& b) { return a.sumLogProb > b.sumLogProb; });
        for (auto& h : live) {
            if (finished.size() >= k)
                break;
            finished.push_back(std::move(h));
        }
    }
    // The largest mean log-probability; the first one on ties.
    size_t chosen = 0;
    double bestScore = 0;
    for (size_t f = 0; f < finished.size(); ++f) {
        const double norm = finished[f].sumLogProb / static_cast<double>(std::max<size_t>(1, finished[f].tokens.size()));
        if (f == 0 || norm > bestScore) {
            chosen = f;
            bestScore = norm;
        }
    }
    if (!finished.empty())
        result.rows.push_back(std::move(finished[chosen]));
    else
        result.rows.emplace_back();
    return result;
}

} // namespace vox::whisper
