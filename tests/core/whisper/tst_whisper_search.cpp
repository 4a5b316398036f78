// The decoding rules of core/whisper/search.* on a scripted DecoderSession (no torch): what
// each row is fed, end-of-text, the repetition guard, cancellation between steps, beam ranking.
#include "core/whisper/search.h"

#include <QTest>

#include <atomic>
#include <functional>
#include <map>

using namespace vox::whisper;

namespace {

constexpr int64_t kEot = 99;

// Next-token scores from a function of (row history); records what the search feeds it.
class ScriptedSession final : public DecoderSession {
public:
    using Scores = std::function<std::map<int64_t, float>(const std::vector<int64_t>& history)>;
    // Each row's history starts with a marker 1000 + row, so rows can differ.
    ScriptedSession(int rows, Scores scores) : m_scores(std::move(scores))
    {
        for (int r = 0; r < rows; ++r)
            m_history.push_back({1000 + r});
    }

    std::atomic<bool>* cancelAfter = nullptr;
    int cancelAtStep = -1;
    std::vector<std::vector<int64_t>> fed;
    std::vector<int> offsets;

    vox::Expected<std::vector<int64_t>> argmax(bool) override
    {
        std::vector<int64_t> out;
        for (const auto& h : m_history) {
            const auto s = m_scores(h);
            int64_t best = s.begin()->first;
            for (const auto& [id, v] : s)
                if (v > s.at(best))
                    best = id;
            out.push_back(best);
        }
        return out;
    }

    vox::Expected<std::vector<std::vector<TokenLogProb>>> best(bool, int count) override
    {
        std::vector<std::vector<TokenLogProb>> out;
        for (const auto& h : m_history) {
            std::vector<TokenLogProb> row;
            for (const auto& [id, v] : m_scores(h))
                row.push_back({v, id});
            std::stable_sort(row.begin(), row.end(), [](auto& a, auto& b) { return a.logProb > b.logProb; });
            row.resize(std::min<size_t>(row.size(), static_cast<size_t>(count)));
            out.push_back(row);
        }
        return out;
    }

    vox::Expected<vox::Done> step(const std::vector<int64_t>& tokens, int offset, const std::vector<int64_t>& sources) override
    {
        if (!sources.empty()) {
            std::vector<std::vector<int64_t>> next;
            for (int64_t s : sources)
                next.push_back(m_history[static_cast<size_t>(s)]);
            m_history = next;
        }
        for (size_t r = 0; r < tokens.size(); ++r)
            m_history[r].push_back(tokens[r]);
        fed.push_back(tokens);
        offsets.push_back(offset);
        if (cancelAfter && static_cast<int>(fed.size()) == cancelAtStep)
            *cancelAfter = true;
        return vox::Done{};
    }

private:
    std::vector<std::vector<int64_t>> m_history;
    Scores m_scores;
};

SearchSettings settings(int maxNew)
{
    SearchSettings s;
    s.promptLength = 2;
    s.maxNewTokens = maxNew;
    s.endOfText = kEot;
    return s;
}

} // namespace

class TestWhisperSearch : public QObject {
    Q_OBJECT

private slots:
    void greedyRowsEndIndependently()
    {
        // Row 0 ends after three tokens; row 1 never ends. Finished rows are fed end-of-text.
        ScriptedSession session(2, [](const std::vector<int64_t>& h) -> std::map<int64_t, float> {
            const size_t n = h.size() - 1;
            if (h[0] == 1000 && n >= 3)
                return {{kEot, 1.0f}, {5, 0.0f}};
            return {{static_cast<int64_t>(1 + n % 4), 1.0f}, {kEot, 0.0f}};
        });
        auto result = greedySearch(session, 2, settings(6));
        QVERIFY(result.ok());
        QCOMPARE(result->rows[0].tokens, (std::vector<int64_t>{1, 2, 3}));
        QCOMPARE(result->rows[0].finishedBy, FinishReason::EndOfText);
        QCOMPARE(result->rows[1].tokens.size(), size_t(6));
        QCOMPARE(result->rows[1].finishedBy, FinishReason::MaxLength);
        QCOMPARE(result->steps, 5); // no step after the last sampled token
        QCOMPARE(session.fed[3][0], kEot);
        QCOMPARE(session.offsets.front(), 2);
        QCOMPARE(session.offsets.back(), 6);
    }

    void greedyRepetitionKeepsTheTrippingToken()
    {
        ScriptedSession session(1, [](const std::vector<int64_t>&) -> std::map<int64_t, float> { return {{7, 1.0f}}; });
        auto result = greedySearch(session, 1, settings(50));
        QVERIFY(result.ok());
        QCOMPARE(result->rows[0].tokens, (std::vector<int64_t>(5, 7)));
        QCOMPARE(result->rows[0].finishedBy, FinishReason::Repetition);
    }

    void cancellationBetweenSteps()
    {
        std::atomic<bool> cancel{false};
        ScriptedSession session(1, [](const std::vector<int64_t>& h) -> std::map<int64_t, float> {
            return {{static_cast<int64_t>(h.size() % 50), 1.0f}};
        });
        session.cancelAfter = &cancel;
        session.cancelAtStep = 4;
        auto s = settings(100);
        s.cancel = &cancel;
        auto result = greedySearch(session, 1, s);
        QVERIFY(result.ok());
        QVERIFY(result->cancelled);
        QCOMPARE(result->steps, 4);
        QCOMPARE(result->rows[0].tokens.size(), size_t(5));
        QCOMPARE(result->rows[0].finishedBy, FinishReason::Cancelled);
    }

    void beamPrefersTheBestMeanAndBreaksTiesInOrder()
    {
        // Step 0: tokens 1 and 2 tie at -1 (1 first). After 1 the model ends at once: [1],
        // mean -1, finished first. After 2 it continues with 3 at 0, then ends: [2, 3], sum -1,
        // mean -0.5, wins by length normalisation.
        ScriptedSession session(1, [](const std::vector<int64_t>& h) -> std::map<int64_t, float> {
            if (h.size() == 1)
                return {{1, -1.0f}, {2, -1.0f}, {4, -5.0f}, {kEot, -9.0f}};
            if (h.back() == 1)
                return {{kEot, 0.0f}, {4, -8.0f}, {5, -8.0f}, {6, -8.0f}};
            if (h.back() == 2)
                return {{3, 0.0f}, {4, -7.0f}, {5, -7.0f}, {kEot, -9.0f}};
            return {{kEot, 0.0f}, {4, -6.0f}, {5, -6.0f}, {6, -6.0f}};
        });
        auto result = beamSearch(session, 2, settings(10));
        QVERIFY(result.ok());
        QCOMPARE(result->rows[0].tokens, (std::vector<int64_t>{2, 3}));
        QCOMPARE(result->rows[0].finishedBy, FinishReason::EndOfText);
        QCOMPARE(result->rows[0].sumLogProb, -1.0);
    }

    void beamWithNoRoomReturnsEmpty()
    {
        ScriptedSession session(1, [](const std::vector<int64_t>&) -> std::map<int64_t, float> { return {{1, 0.0f}}; });
        auto result = beamSearch(session, 3, settings(0));
        QVERIFY(result.ok());
        QVERIFY(result->rows[0].tokens.empty());
        QCOMPARE(result->steps, 0);
    }
};

QTEST_APPLESS_MAIN(TestWhisperSearch)
#include "tst_whisper_search.moc"
