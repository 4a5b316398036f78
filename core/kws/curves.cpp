#include "core/kws/curves.h"

#include <algorithm>
#include <cmath>

namespace vox::kws {

namespace {

// The clips' probabilities split by label and sorted, so a threshold's counts are two binary
// searches. Clips whose probability is not a number are left out (they have no place in the
// order); tools/demo/kws_area.py does the same.
struct SortedScores {
    std::vector<double> keyword, other;

    explicit SortedScores(const std::vector<ScoredClip>& clips)
    {
        for (const auto& c : clips)
            if (!std::isnan(c.keywordProbability))
                (c.isKeyword ? keyword : other).push_back(c.keywordProbability);
        std::sort(keyword.begin(), keyword.end());
        std::sort(other.begin(), other.end());
    }

    // Keyword clips below the threshold (false rejects).
    int keywordBelow(double threshold) const
    {
        return int(std::lower_bound(keyword.begin(), keyword.end(), threshold) - keyword.begin());
    }
    // Other clips at or above the threshold (false alarms).
    int otherAtOrAbove(double threshold) const
    {
        return int(other.end() - std::lower_bound(other.begin(), other.end(), threshold));
    }
};

FaFrCurve curveOf(const SortedScores& s)
{
    FaFrCurve curve;
    curve.keywordClips = int(s.keyword.size());
    curve.otherClips = int(s.other.size());
    if (!curve.defined())
        return curve;

    std::vector<double> thresholds{0.0, 1.0};
    thresholds.insert(thresholds.end(), s.keyword.begin(), s.keyword.end());
    thresholds.insert(thresholds.end(), s.other.begin(), s.other.end());
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    curve.points.reserve(thresholds.size());
    for (double t : thresholds)
        curve.points.push_back({t, double(s.otherAtOrAbove(t)) / curve.otherClips,
                                double(s.keywordBelow(t)) / curve.keywordClips});

    // By threshold the FA rate falls and the FR rate rises, so walking the points backwards
    // orders them by FA rate (ties in FA add nothing); kws_area.py sums in the same order.
    for (size_t i = curve.points.size() - 1; i > 0; --i) {
        const CurvePoint& a = curve.points[i];
        const CurvePoint& b = curve.points[i - 1];
        curve.area += (b.falseAlarmRate - a.falseAlarmRate) * (a.falseRejectRate + b.falseRejectRate) / 2;
    }
    return curve;
}

// SplitMix64, as in core/scoring/statistics.cpp: specified exactly, so a seed gives the same
// resamples with every standard library (std::uniform_int_distribution's output is not).
class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : m_state(seed) {}
    size_t below(size_t n)
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return size_t((z ^ (z >> 31)) % n);
    }

private:
    uint64_t m_state;
};

// Linear interpolation between order statistics (numpy's default percentile).
double quantile(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double at = q * double(sorted.size() - 1);
    const auto lo = size_t(at);
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - double(lo));
}

std::vector<double> resampled(const std::vector<double>& from, SplitMix64& random)
{
    std::vector<double> out(from.size());
    for (double& v : out)
        v = from[random.below(from.size())];
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

FaFrCurve faFrCurve(const std::vector<ScoredClip>& clips)
{
    return curveOf(SortedScores(clips));
}

OperatingPoint operatingPoint(const std::vector<ScoredClip>& clips, double threshold)
{
    const SortedScores s(clips);
    OperatingPoint p;
    p.threshold = threshold;
    p.falseAlarms = s.otherAtOrAbove(threshold);
    p.falseRejects = s.keywordBelow(threshold);
    p.falseAlarmRate = s.other.empty() ? 0.0 : double(p.falseAlarms) / double(s.other.size());
    p.falseRejectRate = s.keyword.empty() ? 0.0 : double(p.falseRejects) / double(s.keyword.size());
    return p;
}

double falseRejectRateAt(const FaFrCurve& curve, double falseAlarmRate)
{
    double best = 1;
    for (const auto& p : curve.points)
        if (p.falseAlarmRate <= falseAlarmRate)
            best = std::min(best, p.falseRejectRate);
    return best;
}

scoring::Interval areaInterval(const std::vector<ScoredClip>& clips, int resamples, uint64_t seed, double level)
{
    const SortedScores s(clips);
    scoring::Interval interval;
    interval.level = level;
    interval.resamples = resamples;
    interval.seed = seed;
    const FaFrCurve curve = curveOf(s);
    interval.estimate = interval.low = interval.high = curve.area;
    if (!curve.defined() || resamples <= 0)
        return interval;

    SplitMix64 random(seed);
    std::vector<double> areas;
    areas.reserve(size_t(resamples));
    SortedScores draw = s;
    for (int r = 0; r < resamples; ++r) {
        draw.keyword = resampled(s.keyword, random);
        draw.other = resampled(s.other, random);
        areas.push_back(curveOf(draw).area);
    }
    std::sort(areas.begin(), areas.end());
    interval.low = quantile(areas, (1 - level) / 2);
    interval.high = quantile(areas, 1 - (1 - level) / 2);
    return interval;
}

std::vector<StreamPoint> streamCurve(const std::vector<float>& scores, double chunkSeconds,
                                     const std::vector<KeywordTime>& keywords, double streamSeconds,
                                     const DetectionSettings& settings, std::vector<double> thresholds)
{
    if (thresholds.empty()) {
        for (int i = 1; i <= 99; ++i)
            thresholds.push_back(i / 100.0);
        for (float s : scores)
            if (!std::isnan(s))
                thresholds.push_back(double(s));
    }
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

    std::vector<StreamPoint> curve;
    curve.reserve(thresholds.size());
    DetectionSettings at = settings;
    for (double t : thresholds) {
        at.threshold = t;
        const DetectionMatch m = matchDetections(detectKeyword(scores, chunkSeconds, at), keywords, at.toleranceSeconds);
        StreamPoint p;
        p.threshold = t;
        p.hits = m.hits;
        p.misses = m.misses;
        p.falseAlarms = m.falseAlarms;
        p.missRate = m.keywords > 0 ? double(m.misses) / m.keywords : 0.0;
        p.falseAlarmsPerHour = streamSeconds > 0 ? m.falseAlarms / (streamSeconds / 3600.0) : 0.0;
        curve.push_back(p);
    }
    return curve;
}

std::optional<double> missRateAt(const std::vector<StreamPoint>& curve, double falseAlarmsPerHour)
{
    std::optional<double> best;
    for (const auto& p : curve)
        if (p.falseAlarmsPerHour <= falseAlarmsPerHour && (!best || p.missRate < *best))
            best = p.missRate;
    return best;
}

} // namespace vox::kws
