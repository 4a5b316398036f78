#include "core/kws/metrics.h"

namespace vox::kws {

namespace {
// Times are sums of chunk lengths; compare them with the slack Python's reference uses.
constexpr double kSlack = 1e-9;
} // namespace

ClipSummary summarizeClips(size_t labelCount, const std::vector<int>& truth, const std::vector<int>& predicted)
{
    ClipSummary s;
    s.confusion.assign(labelCount, std::vector<int>(labelCount, 0));
    s.perLabelClips.assign(labelCount, 0);
    s.perLabelCorrect.assign(labelCount, 0);
    const size_t n = std::min(truth.size(), predicted.size());
    for (size_t i = 0; i < n; ++i) {
        const int t = truth[i], p = predicted[i];
        if (t < 0 || p < 0 || size_t(t) >= labelCount || size_t(p) >= labelCount)
            continue;
        ++s.clips;
        ++s.confusion[t][p];
        ++s.perLabelClips[t];
        if (t == p) {
            ++s.correct;
            ++s.perLabelCorrect[t];
        }
    }
    return s;
}

std::vector<Detection> detectKeyword(const std::vector<float>& scores, double chunkSeconds, const DetectionSettings& settings)
{
    std::vector<Detection> out;
    bool inRun = false, counted = false;
    for (size_t i = 0; i < scores.size(); ++i) {
        const double t = double(i + 1) * chunkSeconds;
        const float p = scores[i];
        if (p >= settings.threshold) {
            if (!inRun) {
                inRun = true;
                counted = out.empty() || t - out.back().seconds >= settings.refractorySeconds - kSlack;
                if (counted)
                    out.push_back({t, p});
            } else if (counted && p > out.back().peak) {
                out.back().peak = p;
            }
        } else {
            inRun = false;
        }
    }
    return out;
}

DetectionMatch matchDetections(const std::vector<Detection>& detections, const std::vector<KeywordTime>& keywords,
                               double toleranceSeconds)
{
    DetectionMatch m;
    m.keywords = static_cast<int>(keywords.size());
    std::vector<bool> used(keywords.size(), false);
    double latency = 0;
    for (const Detection& d : detections) {
        int hit = -1;
        for (size_t k = 0; k < keywords.size(); ++k) {
            if (!used[k] && keywords[k].start <= d.seconds + kSlack && d.seconds <= keywords[k].end + toleranceSeconds + kSlack) {
                hit = static_cast<int>(k);
                break;
            }
        }
        m.matchedKeyword.push_back(hit);
        if (hit < 0) {
            ++m.falseAlarms;
            continue;
        }
        used[size_t(hit)] = true;
        ++m.hits;
        latency += d.seconds - keywords[size_t(hit)].end;
    }
    m.misses = m.keywords - m.hits;
    if (m.hits > 0)
        m.meanLatencySeconds = latency / m.hits;
    return m;
}

} // namespace vox::kws
