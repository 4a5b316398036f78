// KWS quality figures (core/kws/curves.*, torch-free): the FA/FR curve and its area on hand-made
// clip sets (separated, reversed, tied, one-sided), operating points and the FRR at a FA rate,
// the bootstrap interval of the area (contains the estimate, reproducible by seed), and the
// stream curve on a synthetic score sequence with known keyword times.
#include "core/kws/curves.h"

#include <QTest>

#include <cmath>

using namespace vox::kws;

namespace {

std::vector<ScoredClip> clips(const std::vector<double>& keyword, const std::vector<double>& other)
{
    std::vector<ScoredClip> out;
    for (double p : keyword)
        out.push_back({p, true});
    for (double p : other)
        out.push_back({p, false});
    return out;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-12;
}

// 100 s of 0.1-s chunks at a low score; keywords at 10, 30 and 50 s (0.6 s long).
constexpr double kChunk = 0.1, kStreamSeconds = 100;
const std::vector<KeywordTime> kKeywords{{10.0, 10.6}, {30.0, 30.6}, {50.0, 50.6}};

// Chunk i ends at (i + 1) x 0.1 s. The first keyword peaks at 0.9 (its chunk ends at 10.8 s)
// and rises again 0.3 s later (inside the refractory second); the second reaches 0.6 (30.7 s);
// the third never rises; false alarms at 70 s (0.7) and 80 s (0.3).
std::vector<float> streamScores()
{
    std::vector<float> s(1000, 0.05f);
    s[107] = 0.9f;
    s[110] = 0.9f;
    s[306] = 0.6f;
    s[699] = 0.7f;
    s[799] = 0.3f;
    return s;
}

DetectionSettings detection(double refractory)
{
    DetectionSettings d;
    d.refractorySeconds = refractory;
    d.toleranceSeconds = 1.0;
    return d;
}

} // namespace

class TestKwsCurves : public QObject {
    Q_OBJECT

private slots:
    void separatedClipsHaveAreaZero()
    {
        const auto curve = faFrCurve(clips({0.9, 0.8}, {0.1, 0.2}));
        QVERIFY(curve.defined());
        QCOMPARE(curve.keywordClips, 2);
        QCOMPARE(curve.otherClips, 2);
        QCOMPARE(curve.area, 0.0);
        // Thresholds 0, the four probabilities, 1; FA falls and FR rises.
        const std::vector<CurvePoint> expected{{0.0, 1.0, 0.0}, {0.1, 1.0, 0.0}, {0.2, 0.5, 0.0},
                                               {0.8, 0.0, 0.0}, {0.9, 0.0, 0.5}, {1.0, 0.0, 1.0}};
        QCOMPARE(curve.points.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(curve.points[i].threshold, expected[i].threshold);
            QCOMPARE(curve.points[i].falseAlarmRate, expected[i].falseAlarmRate);
            QCOMPARE(curve.points[i].falseRejectRate, expected[i].falseRejectRate);
        }
    }

    void reversedClipsHaveAreaOne()
    {
        QCOMPARE(faFrCurve(clips({0.1, 0.2}, {0.8, 0.9})).area, 1.0);
        // Everything at one probability: a tie is half wrong.
        QCOMPARE(faFrCurve(clips({0.5, 0.5}, {0.5})).area, 0.5);
    }

    void areaIsTheShareOfWronglyOrderedPairs()
    {
        // Pairs (keyword, other) with other >= keyword: (0.3, 0.7), (0.6, 0.7): 2 of 12.
        const auto mixed = clips({0.9, 0.6, 0.3}, {0.7, 0.2, 0.1, 0.05});
        const auto curve = faFrCurve(mixed);
        QVERIFY(near(curve.area, 2.0 / 12));
        QCOMPARE(curve.points.size(), size_t(9)); // 0, seven probabilities, 1
        // A tie between a keyword and another clip counts half: (0.5, 0.5) of 4 pairs.
        QVERIFY(near(faFrCurve(clips({0.5, 0.8}, {0.5, 0.1})).area, 0.5 / 4));
        // Repeated probabilities give one point each; order of the clips does not matter.
        auto shuffled = mixed;
        std::reverse(shuffled.begin(), shuffled.end());
        QCOMPARE(faFrCurve(shuffled).area, curve.area);
        QCOMPARE(faFrCurve(clips({0.9, 0.9, 0.3}, {0.3, 0.1})).points.size(), size_t(5));
    }

    void oneSidedSetsAreUndefined()
    {
        for (const auto& set : {clips({0.9, 0.2}, {}), clips({}, {0.4}), clips({}, {})}) {
            const auto curve = faFrCurve(set);
            QVERIFY(!curve.defined());
            QVERIFY(curve.points.empty());
            QCOMPARE(curve.area, 0.0);
            const auto interval = areaInterval(set, 50, 3);
            QCOMPARE(interval.estimate, 0.0);
            QCOMPARE(interval.low, 0.0);
            QCOMPARE(interval.high, 0.0);
        }
        // A clip without a probability is left out.
        const auto withNan = faFrCurve(clips({0.9, std::nan("")}, {0.1}));
        QCOMPARE(withNan.keywordClips, 1);
        QCOMPARE(withNan.area, 0.0);
    }

    void operatingPointsAndFrrAtAFalseAlarmRate()
    {
        const auto mixed = clips({0.9, 0.6, 0.3}, {0.7, 0.2, 0.1, 0.05});
        const auto p = operatingPoint(mixed, 0.5);
        QCOMPARE(p.threshold, 0.5);
        QCOMPARE(p.falseAlarms, 1);  // 0.7
        QCOMPARE(p.falseRejects, 1); // 0.3
        QCOMPARE(p.falseAlarmRate, 0.25);
        QVERIFY(near(p.falseRejectRate, 1.0 / 3));
        // The threshold is inclusive: a clip at it counts as firing.
        QCOMPARE(operatingPoint(mixed, 0.7).falseAlarms, 1);
        QCOMPARE(operatingPoint(mixed, 0.6).falseRejects, 1);
        QCOMPARE(operatingPoint(clips({}, {}), 0.5).falseAlarmRate, 0.0);

        const auto curve = faFrCurve(mixed);
        QCOMPARE(falseRejectRateAt(curve, 0.25), 0.0);       // threshold 0.3
        QVERIFY(near(falseRejectRateAt(curve, 0.0), 2.0 / 3)); // threshold 0.9
        QCOMPARE(falseRejectRateAt(curve, 1.0), 0.0);
        QCOMPARE(falseRejectRateAt(curve, -1.0), 1.0);          // no point has so few
        QCOMPARE(falseRejectRateAt(FaFrCurve{}, 0.5), 1.0);
    }

    void intervalContainsTheEstimateAndFollowsTheSeed()
    {
        // 60 keyword clips and 90 others whose probabilities overlap.
        std::vector<double> keyword, other;
        for (int i = 0; i < 60; ++i)
            keyword.push_back(0.35 + 0.65 * std::fmod(i * 0.6180339887, 1.0));
        for (int i = 0; i < 90; ++i)
            other.push_back(0.5 * std::fmod(i * 0.4142135623, 1.0) + (i % 10 == 0 ? 0.45 : 0.0));
        const auto set = clips(keyword, other);
        const auto a = areaInterval(set, 500, 7);
        QCOMPARE(a.estimate, faFrCurve(set).area);
        QVERIFY(a.estimate > 0.001 && a.estimate < 0.2);
        QVERIFY2(a.low <= a.estimate && a.estimate <= a.high,
                 (std::to_string(a.low) + " " + std::to_string(a.estimate) + " " + std::to_string(a.high)).c_str());
        QVERIFY(a.low < a.high);
        QCOMPARE(a.resamples, 500);
        QCOMPARE(a.seed, uint64_t(7));
        QCOMPARE(a.level, 0.95);
        qInfo("area %.6f, 95%% interval [%.6f, %.6f]", a.estimate, a.low, a.high);

        const auto again = areaInterval(set, 500, 7);
        QCOMPARE(again.low, a.low);
        QCOMPARE(again.high, a.high);
        const auto otherSeed = areaInterval(set, 500, 8);
        QVERIFY(otherSeed.low != a.low || otherSeed.high != a.high);
        // A narrower level gives a narrower interval from the same resamples.
        const auto half = areaInterval(set, 500, 7, 0.5);
        QVERIFY(half.low >= a.low && half.high <= a.high);
        // Separated sets stay separated in every resample.
        const auto perfect = areaInterval(clips({0.9, 0.8, 0.7}, {0.1, 0.2}), 200, 1);
        QCOMPARE(perfect.low, 0.0);
        QCOMPARE(perfect.high, 0.0);
    }

    void streamCurveCountsHitsMissesAndFalseAlarms()
    {
        const auto scores = streamScores();
        const auto curve = streamCurve(scores, kChunk, kKeywords, kStreamSeconds, detection(1.0),
                                       {0.95, 0.2, 0.5, 0.65, 0.8, 0.5});
        struct Expected {
            double threshold;
            int hits, misses, falseAlarms;
        };
        const std::vector<Expected> expected{
            {0.2, 2, 1, 2},  // keywords 1 and 2; 70 s and 80 s
            {0.5, 2, 1, 1},  // 80 s (0.3) no longer fires
            {0.65, 1, 2, 1}, // keyword 2 (0.6) missed
            {0.8, 1, 2, 0},
            {0.95, 0, 3, 0},
        };
        QCOMPARE(curve.size(), expected.size()); // sorted, the repeated 0.5 once
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(curve[i].threshold, expected[i].threshold);
            QCOMPARE(curve[i].hits, expected[i].hits);
            QCOMPARE(curve[i].misses, expected[i].misses);
            QCOMPARE(curve[i].falseAlarms, expected[i].falseAlarms);
            QVERIFY(near(curve[i].missRate, expected[i].misses / 3.0));
            QVERIFY(near(curve[i].falseAlarmsPerHour, expected[i].falseAlarms * 36.0)); // per 100 s
        }
        // The settings' refractory time is kept: without it the second rise after keyword 1 is a
        // false alarm (that keyword is already hit).
        const auto eager = streamCurve(scores, kChunk, kKeywords, kStreamSeconds, detection(0.0), {0.2, 0.8});
        QCOMPARE(eager[0].falseAlarms, 3);
        QCOMPARE(eager[1].falseAlarms, 1);
        QCOMPARE(eager[1].hits, 1);
    }

    void defaultThresholdsAreAGridAndEveryScore()
    {
        const auto scores = streamScores();
        const auto curve = streamCurve(scores, kChunk, kKeywords, kStreamSeconds, detection(1.0));
        // 0.01 .. 0.99 and the five distinct scores (as floats, none on the grid).
        QCOMPARE(curve.size(), size_t(99 + 5));
        QCOMPARE(curve.front().threshold, 0.01);
        QCOMPARE(curve.back().threshold, 0.99);
        for (size_t i = 1; i < curve.size(); ++i)
            QVERIFY(curve[i - 1].threshold < curve[i].threshold);
        // At a score's own value its chunk fires (the threshold is inclusive).
        const auto at = std::find_if(curve.begin(), curve.end(), [](const StreamPoint& p) { return p.threshold == double(0.6f); });
        QVERIFY(at != curve.end());
        QCOMPARE(at->hits, 2);
        QCOMPARE((at + 1)->hits, 1);
        // Below the background's score the whole stream is one run of firing chunks: one
        // detection at 0.1 s, a false alarm, and every keyword missed.
        QCOMPARE(curve.front().falseAlarms, 1);
        QCOMPARE(curve.front().hits, 0);
        QCOMPARE(curve.front().missRate, 1.0);
    }

    void missRateAtOneFalseAlarmPerHour()
    {
        const auto curve = streamCurve(streamScores(), kChunk, kKeywords, kStreamSeconds, detection(1.0),
                                       {0.2, 0.5, 0.65, 0.8, 0.95});
        // 100 s: one false alarm is 36 per hour, so 1 per hour needs none (thresholds 0.8, 0.95).
        const auto atOne = missRateAt(curve, 1.0);
        QVERIFY(atOne.has_value());
        QVERIFY(near(*atOne, 2.0 / 3));
        QVERIFY(near(*missRateAt(curve, 40.0), 1.0 / 3));
        QVERIFY(near(*missRateAt(curve, 100.0), 1.0 / 3));
        // No point with so few false alarms: none.
        const auto noisy = streamCurve(streamScores(), kChunk, kKeywords, kStreamSeconds, detection(1.0), {0.2, 0.5});
        QVERIFY(!missRateAt(noisy, 1.0).has_value());
        QVERIFY(!missRateAt({}, 1.0).has_value());
    }
};

QTEST_APPLESS_MAIN(TestKwsCurves)
#include "tst_kws_curves.moc"
