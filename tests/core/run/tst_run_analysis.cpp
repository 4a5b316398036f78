// Error analysis over hand-built comparisons whose figures are worked out by hand: broken and
// fixed utterances, verdicts, breakdowns (speaker, manifest field, duration) with their WER,
// confusions new against the baseline and the rows they filter to, hallucination signals.
#include "core/run/run_analysis.h"

#include <QTest>

using namespace vox;
using run::ComparisonRow;
using run::RunComparison;

namespace {

struct Utt {
    std::string id, ref, speaker, condition;
    double seconds;
    std::vector<std::string> hyps; // one per run; "!" fails the utterance in that run
};

RunComparison comparisonOf(const std::vector<Utt>& utts, size_t runs)
{
    RunComparison c;
    c.normalizer = "none@1";
    c.runs.resize(runs);
    for (const auto& u : utts) {
        ComparisonRow row;
        row.uttId = u.id;
        row.reference = row.normalizedReference = u.ref;
        row.speaker = u.speaker;
        if (!u.condition.empty())
            row.fields = {{"condition", u.condition}, {"take", u.id}};
        row.audioSeconds = u.seconds;
        for (const auto& h : u.hyps) {
            run::ComparisonCell cell;
            cell.present = true;
            if (h == "!") {
                cell.error = "broken audio";
            } else {
                cell.hypothesis = cell.normalizedHypothesis = h;
                cell.diff = run::wordDiff(u.ref, h);
                for (const auto& d : cell.diff) {
                    cell.counts.correct += d.op == scoring::EditOp::Correct;
                    cell.counts.substitutions += d.op == scoring::EditOp::Substitution;
                    cell.counts.deletions += d.op == scoring::EditOp::Deletion;
                    cell.counts.insertions += d.op == scoring::EditOp::Insertion;
                }
            }
            row.cells.push_back(std::move(cell));
        }
        c.rows.push_back(std::move(row));
    }
    return c;
}

const run::Breakdown* find(const std::vector<run::Breakdown>& all, const std::string& field)
{
    for (const auto& b : all)
        if (b.field == field)
            return &b;
    return nullptr;
}

} // namespace

class TestRunAnalysis : public QObject {
    Q_OBJECT

private slots:
    void brokenAndFixed()
    {
        // u1 right in both; u2 broken by run 1; u3 fixed by run 1; u4 wrong in both; u5 failed in run 1.
        const auto c = comparisonOf({{"u1", "do we need cheese", "a", "clean", 1.5, {"do we need cheese", "do we need cheese"}},
                                     {"u2", "call peter now", "a", "noise", 2.5, {"call peter now", "call peter cow"}},
                                     {"u3", "turn off the lights", "b", "clean", 2.2, {"turn of the lights", "turn off the lights"}},
                                     {"u4", "play some music", "b", "noise", 4.0, {"play sum music", "play music"}},
                                     {"u5", "what time is it", "b", "clean", 0.8, {"what time is it", "!"}}},
                                    2);
        const auto a = run::analyzeRuns(c);
        QCOMPARE(a.against.size(), size_t(1));
        QCOMPARE(a.against[0].run, size_t(1));
        QCOMPARE(a.against[0].broken, (std::vector<size_t>{1}));
        QCOMPARE(a.against[0].fixed, (std::vector<size_t>{2}));
        // Paired on the four utterances both scored: baseline 1 + 1 = 2 errors, run 1 1 + 1 = 2,
        // over 3 + 4 + 4 + 3 = 14 words.
        QCOMPARE(a.against[0].words.utterances, int64_t(4));
        QCOMPARE(a.against[0].words.rateA, 2.0 / 14);
        QCOMPARE(a.against[0].words.rateB, 2.0 / 14);
        QCOMPARE(a.against[0].verdict, scoring::Verdict::NoSignificantDifference);
        QVERIFY(a.against[0].characters);
        QVERIFY(a.against[0].sentence.find("no significant difference") == 0);
        QCOMPARE(a.wordScores.size(), size_t(2));
        QCOMPARE(a.wordScores[1]->utterances.size(), size_t(4)); // the failed one is not scored
    }

    void aClearlyWorseRunIsCalledWorse()
    {
        std::vector<Utt> utts;
        // A third right, a third with one error, a third with two side by side (one segment, d = 2).
        const char* hyps[] = {"set an alarm for six in the morning please", "set an alarm for sex in the morning please",
                              "set an alarm for sex on the morning please"};
        for (int i = 0; i < 60; ++i)
            utts.push_back({"u" + std::to_string(i), hyps[0], "s", "", 3.0, {hyps[0], hyps[i % 3]}});
        const auto a = run::analyzeRuns(comparisonOf(utts, 2));
        QCOMPARE(a.against[0].verdict, scoring::Verdict::Worse);
        QVERIFY(a.against[0].words.segments);
        QCOMPARE(a.against[0].words.segments->segments, int64_t(40)); // one per wrong utterance
        QCOMPARE(a.against[0].words.segments->mean, 1.5);
        QVERIFY(a.against[0].words.delta.low > 0);
        QCOMPARE(a.against[0].broken.size(), size_t(40));
        QVERIFY(a.against[0].sentence.find("worse, significant at 95 %") == 0);
        // The confusion is new: the baseline never made it.
        QCOMPARE(a.confusions[1].size(), size_t(2));
        QCOMPARE(a.confusions[1][1].ref, std::string("in"));
        QCOMPARE(a.confusions[1][1].count, int64_t(20));
        QCOMPARE(a.confusions[1][0].ref, std::string("six"));
        QCOMPARE(a.confusions[1][0].hyp, std::string("sex"));
        QCOMPARE(a.confusions[1][0].count, int64_t(40));
        QCOMPARE(a.confusions[1][0].baseline, int64_t(0));
        QVERIFY(a.confusions[0].empty());
        const auto rows = run::rowsWithConfusion(comparisonOf(utts, 2), 1, a.confusions[1][0]);
        QCOMPARE(rows.size(), size_t(40));
        QCOMPARE(rows.front(), size_t(1));
        QVERIFY(run::describeAnalysisSettings(a.options).find("1000 resamples") != std::string::npos);
    }

    void everySegmentWorseByOneIsStillWorse()
    {
        // sc_stats reports Z = 0 when every segment's difference is the same (sd 0); 40 errors
        // against none is still worse, and the sentence says why.
        std::vector<Utt> utts;
        for (int i = 0; i < 60; ++i)
            utts.push_back({"u" + std::to_string(i), "call peter now", "s", "", 1.0,
                            {"call peter now", i % 3 ? "call peter cow" : "call peter now"}});
        const auto a = run::analyzeRuns(comparisonOf(utts, 2));
        QCOMPARE(a.against[0].words.segments->z, 0.0);
        QCOMPARE(a.against[0].words.segments->sd, 0.0);
        QCOMPARE(a.against[0].verdict, scoring::Verdict::Worse);
        QVERIFY2(a.against[0].sentence.find("every one of the 40 segments") != std::string::npos, a.against[0].sentence.c_str());
    }

    void breakdownsByFieldSpeakerAndDuration()
    {
        // Run 0 errors: u1 0/4, u2 1/3, u3 1/4, u4 2/3.  Run 1: u1 1/4, u2 0/3, u3 0/4, u4 1/3.
        const auto c = comparisonOf({{"u1", "do we need cheese", "a", "clean", 0.5, {"do we need cheese", "do we need cheap"}},
                                     {"u2", "call peter now", "a", "noise", 2.5, {"call peter cow", "call peter now"}},
                                     {"u3", "turn off the lights", "b", "clean", 2.9, {"turn of the lights", "turn off the lights"}},
                                     {"u4", "play some music", "b", "noise", 45, {"play sum", "play music"}}},
                                    2);
        const auto all = run::breakdownsOf(c, {});
        QCOMPARE(all.size(), size_t(3)); // speaker, condition, duration
        const auto* condition = find(all, "condition");
        QVERIFY(condition);
        QCOMPARE(condition->rows.size(), size_t(2));
        QCOMPARE(condition->rows[0].value, std::string("clean"));
        QCOMPARE(condition->rows[0].rows, (std::vector<size_t>{0, 2}));
        QCOMPARE(condition->rows[0].wer[0]->estimate, 1.0 / 8);
        QCOMPARE(condition->rows[0].wer[1]->estimate, 1.0 / 8);
        QCOMPARE(condition->rows[1].wer[0]->estimate, 3.0 / 6);
        QCOMPARE(condition->rows[1].wer[1]->estimate, 1.0 / 6);
        QCOMPARE(condition->rows[1].audioSeconds, 47.5);
        const auto* speaker = find(all, "speaker");
        QVERIFY(speaker);
        QCOMPARE(speaker->rows[1].value, std::string("b"));
        QCOMPARE(speaker->rows[1].wer[0]->estimate, 3.0 / 7);
        QVERIFY(speaker->rows[1].wer[0]->low <= 3.0 / 7 && speaker->rows[1].wer[0]->high >= 3.0 / 7);
        const auto* duration = find(all, "duration");
        QVERIFY(duration);
        QCOMPARE(duration->rows.size(), size_t(3));
        QCOMPARE(duration->rows[0].value, std::string("0-1 s"));
        QCOMPARE(duration->rows[1].value, std::string("2-3 s"));
        QCOMPARE(duration->rows[1].rows, (std::vector<size_t>{1, 2}));
        QCOMPARE(duration->rows[2].value, std::string(">= 30 s"));
        QCOMPARE(duration->rows[2].order, 30.0);
        QVERIFY(!find(all, "take")); // a value per utterance: an id, not a group
    }

    void fieldsThatSplitNothingAreLeftOut()
    {
        std::vector<Utt> utts;
        for (int i = 0; i < 60; ++i)
            utts.push_back({"u" + std::to_string(i), "hello there", "one", i % 2 ? "clean" : "noise", 1.0,
                            {"hello there"}});
        const auto all = run::breakdownsOf(comparisonOf(utts, 1), {});
        QVERIFY(!find(all, "speaker")); // one speaker
        QVERIFY(!find(all, "take"));    // a value per utterance
        QVERIFY(find(all, "condition"));
        QVERIFY(find(all, "duration"));
    }

    void hallucinationSignals()
    {
        auto c = comparisonOf({{"u1", "thank you", "a", "", 1, {"thank you thank you thank you", "thank you"}},
                               {"u2", "no no no", "a", "", 1, {"no no no", "no no no no"}},
                               {"u3", "call peter", "a", "", 1, {"call peter and tell him that i will be late", "call peter"}},
                               {"u4", "", "a", "", 1, {"", "music playing"}},
                               {"u5", "open the door", "a", "", 1, {"open the door", "open the door"}}},
                              2);
        c.rows[4].cells[1].noSpeech = true;
        c.rows[4].cells[1].noSpeechProbability = 0.83;
        const auto found = run::hallucinationsOf(c, {});
        std::vector<std::tuple<size_t, size_t, run::HallucinationKind, std::string>> got;
        for (const auto& s : found)
            got.emplace_back(s.row, s.run, s.kind, s.detail);
        using K = run::HallucinationKind;
        const decltype(got) want = {
            {0, 0, K::MuchLonger, "6 words for 2"}, // a loop is longer, too
            {0, 0, K::RepeatedNgram, "\"thank you\" x3"},
            {1, 1, K::RepeatedNgram, "\"no\" x4"}, // the speaker said it three times, not four
            {2, 0, K::MuchLonger, "10 words for 2"},
            {3, 1, K::TextOnNoSpeech, "2 words where the reference is empty"},
            {4, 1, K::TextOnNoSpeech, "3 words; no-speech probability 0.83"},
        };
        QCOMPARE(got, want);
        QCOMPARE(std::string(run::hallucinationName(K::RepeatedNgram)), std::string("repeated n-gram"));
    }

    void oneRunHasNoComparisons()
    {
        const auto a = run::analyzeRuns(comparisonOf({{"u1", "a b", "", "", 1, {"a c"}}}, 1));
        QVERIFY(a.against.empty());
        QCOMPARE(a.confusions.size(), size_t(1));
        QCOMPARE(a.confusions[0][0].count, int64_t(1));
        QCOMPARE(a.confusions[0][0].baseline, int64_t(1)); // against itself: never new
    }
};

QTEST_APPLESS_MAIN(TestRunAnalysis)
#include "tst_run_analysis.moc"
