#pragma once
// Keyword-spotting runs read back from the store, and their figures (torch-free,
// voxbench_core). A KWS run is a run of a KWS package over a clip dataset (one result per clip:
// the probabilities in label order, the predicted label) or a stream dataset (one result per
// stream: the keyword score after every chunk, the detections at the package's threshold).
// Figures are computed from what is stored, so a threshold can be moved without running again.
#include "core/kws/cost.h"
#include "core/kws/curves.h"
#include "core/run/run_card.h"
#include "core/store/project_store.h"

#include <optional>
#include <string>
#include <vector>

namespace vox::run {

// What a result of a KWS run holds in ResultRecord::outputJson:
//   clip:   {"probabilities": [p per label], "keyword_probability": p, "predicted": "label"}
//   stream: {"chunk_samples": n, "sample_rate": 16000, "scores": [...], "detections": [[t, peak], ...]}
// and in timingsJson: {"per_utterance_ms" (clip) or "total_ms" and "per_chunk_ms" (stream), "audio_s"}.

struct KwsClipRow {
    int64_t utteranceId = 0;
    std::string clipId, label; // the dataset's label of the clip
    bool isKeyword = false;    // label == the package's keyword
    double keywordProbability = 0;
    std::string predicted;
    std::vector<double> probabilities; // in the package's label order
    double ms = 0;
    std::string error; // the clip failed (a broken file): no probability
    std::string audioPath;
    double start = 0, end = -1; // the clip's span in its file
};

struct KwsStreamRow {
    int64_t utteranceId = 0;
    std::string streamId, audioPath;
    double seconds = 0;      // the stream's duration
    double chunkSeconds = 0; // score i covers the audio up to (i + 1) x chunkSeconds
    std::vector<float> scores;
    std::vector<kws::KeywordTime> keywords; // the dataset's known keyword times
    double ms = 0;           // whole stream
    double msPerChunk = 0;
    std::string error;
};

struct KwsRunData {
    store::RunRecord run;
    RunCard card;
    std::string variant;       // the variant's name
    kws::PackageInfo package;  // read from the variant's package folder (checksums not verified)
    std::vector<KwsClipRow> clips;
    std::vector<KwsStreamRow> streams;
    std::optional<int64_t> peakMemoryBytes; // the largest stored for the run
    std::optional<kws::KwsCost> cost;       // none when the architecture cannot be counted
    std::string costError;
    double audioSeconds = 0, computeSeconds = 0;
    int64_t utterances = 0; // covered by the run (clips and streams above: those with a result)
};

// Errors: no such run, the run's variant is not a KWS package, its package cannot be read.
Expected<KwsRunData> readKwsRun(store::ProjectStore& store, int64_t runId);

// What the figures are judged against.
struct KwsTargets {
    double areaPassMark = 5e-5;       // an area at or below passes
    double falseAlarmRate = 0.01;     // FRR is read at this clip FA rate
    double falseAlarmsPerHour = 1.0;  // the stream's miss rate is read at this many FA per hour
    std::optional<double> threshold;  // none: the package's detection threshold
    int bootstrapResamples = 1000;
    uint64_t seed = 1;
};

struct KwsRunSummary {
    int64_t runId = 0;
    std::string variant, kind; // kind: fp32, int8, ...
    // Clips
    int clips = 0, failed = 0, keywordClips = 0;
    kws::FaFrCurve curve;                      // undefined without both kinds of clips
    std::optional<scoring::Interval> area;     // with its bootstrap interval
    bool passes = false;                       // area <= areaPassMark
    double frrAtFalseAlarmRate = 1;            // at targets.falseAlarmRate
    kws::OperatingPoint atThreshold;           // at the threshold used
    double threshold = 0.5;
    kws::ClipSummary accuracy;                 // argmax labels against the dataset's labels
    double msPerClip = 0;
    // Streams (summed over the run's streams)
    int streams = 0;
    std::vector<kws::StreamPoint> streamCurve;
    std::optional<double> missRateAtTarget;    // at targets.falseAlarmsPerHour
    kws::StreamPoint streamAtThreshold;
    double msPerChunk = 0;
    // Cost
    std::optional<kws::KwsCost> cost;
    std::optional<int64_t> peakMemoryBytes;
    double realTimeFactor = 0; // compute seconds / audio seconds
};

KwsRunSummary summarizeKwsRun(const KwsRunData& data, const KwsTargets& targets = {});

// A variant against a baseline (the teacher): how many times faster (ms per clip, or per chunk
// for stream runs), how many times less memory (peak; parameter bytes when no peak was
// measured), how many times fewer MACs per second, and the area's change (variant - baseline).
struct KwsRatios {
    std::optional<double> speed, memory, parameterBytes, macs, deltaArea;
};
KwsRatios kwsRatios(const KwsRunSummary& baseline, const KwsRunSummary& variant);

// "x10.2 faster, x38 less memory, x4.1 fewer MACs, area +1.2e-4" (only what is known).
std::string describeRatios(const KwsRatios& ratios);

} // namespace vox::run
