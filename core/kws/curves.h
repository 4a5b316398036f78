#pragma once
// Keyword-spotting quality, torch-free (voxbench_core), as the people who shrink KWS models
// define it:
//
// - Clips: sort the keyword probabilities of all clips; for every threshold among them (plus 0
//   and 1), FA rate = non-keyword clips with probability >= threshold / non-keyword clips, FR
//   rate = keyword clips with probability < threshold / keyword clips; the area is the
//   trapezoidal integral of FR over FA (points ordered by FA rate). Lower is better; a pass mark
//   such as 5e-5 is a bound on it. tools/demo/kws_area.py computes the same in Python.
// - Streams: detections (core/kws/metrics.h) at each threshold, matched to the known keyword
//   times: false alarms per hour of audio against the miss rate; the miss rate at 1 false alarm
//   per hour is the usual wake-word figure.
// Clips whose probability is not a number are left out of every figure here.
#include "core/kws/metrics.h"
#include "core/scoring/statistics.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace vox::kws {

struct ScoredClip {
    double keywordProbability = 0;
    bool isKeyword = false; // the clip's label is the package's keyword
};

struct CurvePoint {
    double threshold = 0;
    double falseAlarmRate = 0;
    double falseRejectRate = 0;
};

struct FaFrCurve {
    std::vector<CurvePoint> points; // one per distinct threshold (0, the probabilities, 1), by threshold
    double area = 0;                // trapezoidal area of FR over FA
    int keywordClips = 0, otherClips = 0;
    bool defined() const { return keywordClips > 0 && otherClips > 0; }
};

// An undefined curve (no keyword clips, or none other) has no points and area 0.
FaFrCurve faFrCurve(const std::vector<ScoredClip>& clips);

// Where a threshold puts the clips: counts and rates.
struct OperatingPoint {
    double threshold = 0;
    int falseAlarms = 0, falseRejects = 0; // non-keyword clips >= threshold; keyword clips < threshold
    double falseAlarmRate = 0, falseRejectRate = 0;
};
OperatingPoint operatingPoint(const std::vector<ScoredClip>& clips, double threshold);

// The smallest FR rate among the curve's points whose FA rate is at most `falseAlarmRate`
// (1 when none is).
double falseRejectRateAt(const FaFrCurve& curve, double falseAlarmRate);

// The area's bootstrap interval: clips resampled with replacement (keyword and other clips
// resampled separately, so every resample has both), `resamples` times, seeded (SplitMix64, so
// a seed gives the same interval on every machine); the percentile interval at `level`. An
// undefined curve gives estimate, low and high 0.
scoring::Interval areaInterval(const std::vector<ScoredClip>& clips, int resamples = 1000, uint64_t seed = 1,
                               double level = 0.95);

struct StreamPoint {
    double threshold = 0;
    int hits = 0, misses = 0, falseAlarms = 0;
    double missRate = 0;           // misses / keywords
    double falseAlarmsPerHour = 0; // false alarms / (stream seconds / 3600)
};

// The stream scored at each threshold (settings' refractory and tolerance kept), ascending by
// threshold. `thresholds` empty: 0.01 .. 0.99 in steps of 0.01 plus every distinct score.
std::vector<StreamPoint> streamCurve(const std::vector<float>& scores, double chunkSeconds,
                                     const std::vector<KeywordTime>& keywords, double streamSeconds,
                                     const DetectionSettings& settings, std::vector<double> thresholds = {});

// The lowest miss rate among points with at most `falseAlarmsPerHour` false alarms per hour;
// none when no point has so few.
std::optional<double> missRateAt(const std::vector<StreamPoint>& curve, double falseAlarmsPerHour);

} // namespace vox::kws
