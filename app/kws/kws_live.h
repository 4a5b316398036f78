#pragma once
// What moving the threshold changes, computed from a KWS run's stored probabilities and scores
// without running anything again: the clips' false alarms and false rejects, and each stream's
// detections, hits, misses and false alarms per hour. Cheap enough for a slider on the UI thread
// (a few thousand comparisons per run).
#include "core/run/kws_results.h"

#include <vector>

namespace vox::app {

struct StreamDetections {
    std::vector<kws::Detection> detections;
    kws::DetectionMatch match;   // matchedKeyword per detection: -1 is a false alarm
    std::vector<bool> keywordHit; // per known keyword
    double falseAlarmsPerHour = 0;
};

struct KwsLive {
    double threshold = 0.5;
    bool hasClips = false;
    kws::OperatingPoint clips;
    std::vector<StreamDetections> streams; // per stream row
    int hits = 0, misses = 0, falseAlarms = 0, keywords = 0;
    double streamSeconds = 0;
    double falseAlarmsPerHour() const { return streamSeconds > 0 ? falseAlarms / (streamSeconds / 3600.0) : 0; }
    double missRate() const { return keywords > 0 ? double(misses) / keywords : 0; }
};

// The clips of a run as the curve functions take them (failed clips left out).
std::vector<kws::ScoredClip> scoredClips(const run::KwsRunData& data);

// At `threshold`; the package's refractory and tolerance settings are kept.
KwsLive scoreAt(const run::KwsRunData& data, double threshold);

} // namespace vox::app
