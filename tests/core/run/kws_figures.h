#pragma once
// The KWS figures written out from their definitions (issue 16), apart from core/kws/curves.cpp,
// so the tests of stored runs check the summary against an independent computation.
#include <algorithm>
#include <utility>
#include <vector>

namespace vox::test {

struct Probability {
    double p = 0;
    bool keyword = false;
};

struct RatePoint {
    double threshold, fa, fr;
};

// Every threshold among the probabilities, plus 0 and 1: FA rate = other clips >= t / other
// clips, FR rate = keyword clips < t / keyword clips. Counted clip by clip.
inline std::vector<RatePoint> ratePoints(const std::vector<Probability>& clips)
{
    std::vector<double> thresholds{0.0, 1.0};
    int keyword = 0, other = 0;
    for (const auto& c : clips) {
        thresholds.push_back(c.p);
        (c.keyword ? keyword : other)++;
    }
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    std::vector<RatePoint> points;
    for (double t : thresholds) {
        int falseAlarms = 0, falseRejects = 0;
        for (const auto& c : clips) {
            falseAlarms += !c.keyword && c.p >= t;
            falseRejects += c.keyword && c.p < t;
        }
        points.push_back({t, double(falseAlarms) / other, double(falseRejects) / keyword});
    }
    return points;
}

// The trapezoidal integral of FR over FA, the points ordered by FA rate (and, where FA ties,
// by falling FR: the order a falling threshold walks them in).
inline double trapezoidArea(std::vector<RatePoint> points)
{
    std::sort(points.begin(), points.end(), [](const RatePoint& a, const RatePoint& b) {
        return a.fa != b.fa ? a.fa < b.fa : a.fr > b.fr;
    });
    double area = 0;
    for (size_t i = 1; i < points.size(); ++i)
        area += (points[i].fa - points[i - 1].fa) * (points[i].fr + points[i - 1].fr) / 2;
    return area;
}

inline double frrAt(const std::vector<RatePoint>& points, double faRate)
{
    double best = 1;
    for (const auto& p : points)
        if (p.fa <= faRate)
            best = std::min(best, p.fr);
    return best;
}

} // namespace vox::test
