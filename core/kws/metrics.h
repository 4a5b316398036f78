#pragma once
// Keyword-spotting figures, torch-free (voxbench_core): clip accuracy with per-label recall and
// a confusion matrix, detections from per-chunk keyword scores, and their match against known
// keyword times. The rules equal tools/demo/kws_eval.py's detect() and match().
#include "core/kws/kws_types.h"

#include <optional>
#include <string>
#include <vector>

namespace vox::kws {

struct ClipSummary {
    int clips = 0;
    int correct = 0;
    double accuracy() const { return clips > 0 ? double(correct) / clips : 0.0; }
    std::vector<std::vector<int>> confusion; // [truth][predicted], label order
    std::vector<int> perLabelClips, perLabelCorrect;
};

// truth and predicted are label indices (same length); labels gives the matrix size.
ClipSummary summarizeClips(size_t labelCount, const std::vector<int>& truth, const std::vector<int>& predicted);

struct Detection {
    double seconds = 0; // end of the chunk whose score first reached the threshold
    float peak = 0;     // the highest score of that run of chunks
};

// A detection starts at the first chunk of each run of scores >= threshold, unless it comes less
// than refractorySeconds after the previous detection (then that whole run is ignored).
std::vector<Detection> detectKeyword(const std::vector<float>& scores, double chunkSeconds, const DetectionSettings& settings);

struct KeywordTime {
    double start = 0, end = 0;
};

struct DetectionMatch {
    int keywords = 0, hits = 0, misses = 0, falseAlarms = 0;
    std::vector<int> matchedKeyword; // per detection: the keyword index it hit, or -1
    std::optional<double> meanLatencySeconds; // detection time - keyword end, over hits
};

// In time order, a detection at t hits the earliest keyword not yet hit with
// start <= t <= end + toleranceSeconds; a detection that hits none is a false alarm.
DetectionMatch matchDetections(const std::vector<Detection>& detections, const std::vector<KeywordTime>& keywords,
                               double toleranceSeconds);

} // namespace vox::kws
