#pragma once
// The keyword-spotting test data formats that tools/demo/make_kws_data.py writes
// (resources/demo/kws/; docs/MODEL-PACKAGE.md, "KWS demo data"): a clip list with a label per
// clip, and a long stream with the times of what is spoken in it. Torch-free (voxbench_core).
#include "core/kws/metrics.h"
#include "core/util/expected.h"

#include <filesystem>
#include <string>
#include <vector>

namespace vox::kws {

struct LabelledClip {
    std::string id;
    std::filesystem::path audio; // absolute, or relative to the working directory
    std::string label;
    std::string text, voice, condition;
};

struct ClipSet {
    std::filesystem::path manifest;
    std::string keyword;
    std::vector<std::string> labels;
    int sampleRate = 16000;
    double clipSeconds = 1.0;
    std::vector<LabelledClip> clips;
};

struct StreamEvent {
    double start = 0, end = 0;
    std::string text, kind, voice;
    bool keyword = false;
};

struct KeywordStream {
    std::filesystem::path manifest;
    std::filesystem::path audio;
    std::string keyword;
    int sampleRate = 16000;
    double durationSeconds = 0;
    std::vector<StreamEvent> events; // in time order

    std::vector<KeywordTime> keywordTimes() const;
};

// What a JSON file holds, from its "format" field.
enum class DemoFile { Clips, Stream, Other };
DemoFile demoFileKind(const std::filesystem::path& path);

// "format": "voxbench-kws-clips", version 1. Audio paths are resolved against the manifest's
// folder; every label must be one of "labels". Errors name the manifest (and clip).
Expected<ClipSet> readClipSet(const std::filesystem::path& manifest);

// "format": "voxbench-kws-stream", version 1. Events are sorted by start time.
Expected<KeywordStream> readKeywordStream(const std::filesystem::path& manifest);

} // namespace vox::kws
