#pragma once
// Keyword spotting: what a KWS model package says about itself and what running one gives.
// Plain data, torch-free; the package format is in docs/MODEL-PACKAGE.md ("KWS packages").
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace vox::kws {

inline constexpr int kPackageFormatVersion = 1;
inline constexpr const char* kManifestName = "voxbench-kws.json";
inline constexpr const char* kFamily = "kws-crnn";

// How a stream's per-chunk keyword scores become detections, and how a detection is matched to
// a keyword whose time is known (core/kws/metrics.h).
struct DetectionSettings {
    double threshold = 0.5;          // keyword probability at or above which a chunk fires
    double refractorySeconds = 1.0;  // a rise sooner than this after a detection is ignored
    double toleranceSeconds = 1.0;   // a detection may come up to this long after the keyword ends
};

// The CRNN's shape, from the manifest's "architecture" and "front_end" (what core/kws/cost.h
// counts). Kernels and strides are (mel bins, frames).
struct Architecture {
    std::vector<int> convChannels;
    std::vector<std::pair<int, int>> convKernels, convStrides;
    int gruHidden = 0, gruLayers = 1;
    int attention = 0;
    int poolFrames = 100;
    int nMels = 40;
    bool known() const { return !convChannels.empty() && gruHidden > 0; }
};

// The manifest, read and checked.
struct PackageInfo {
    std::filesystem::path folder;
    int formatVersion = 0;
    std::string family;
    std::string name;
    std::vector<std::string> labels; // the order of the model's logits
    std::string keyword;
    int keywordIndex = 0;
    int sampleRate = 16000;
    double clipSeconds = 1.0;
    int hopSamples = 160;
    int chunkSamples = 1600; // the streaming step the package was tuned with
    int64_t stateSize = 0;
    std::string variantKind;          // "fp32" or "int8"
    std::string variantDescription;
    std::string variantSource;        // the package an int8 or distilled model came from ("" if none)
    std::string quantizationEngine;   // int8: "qnnpack"
    int64_t parameterCount = 0;
    int gruHidden = 0;
    Architecture architecture;               // empty (known() false) when the manifest has none
    std::vector<std::string> quantizedModules; // int8: variant.options.modules ("GRU", "Linear")
    DetectionSettings detection;
    std::string torchVersion;
    std::string modelFile;                     // file name inside the folder
    std::map<std::string, std::string> sha256; // file name -> lowercase hex
    std::string metricsJson;  // the manifest's "metrics" object as compact JSON (for reports)
    std::string trainingJson; // the manifest's "training" object, history left out

    int clipSamples() const { return static_cast<int>(clipSeconds * sampleRate + 0.5); }
    std::filesystem::path filePath(const std::string& file) const { return folder / file; }
};

// One clip's result: softmax probabilities in label order and the most probable label.
struct ClipResult {
    std::vector<float> probabilities;
    int predicted = 0;
};

// A stream's result: the keyword probability after each whole chunk; score i covers the audio
// up to (i + 1) * chunkSamples (a last partial chunk is not scored).
struct StreamResult {
    std::vector<float> keywordScores;
    int chunkSamples = 0;
    int sampleRate = 16000;
    double chunkSeconds() const { return double(chunkSamples) / sampleRate; }
};

struct ClassifierOptions {
    int threads = 1;             // intra-op threads, applied on the calling thread (0: leave as is)
    bool verifyChecksums = true; // check every file's SHA-256 against the manifest at load
};

} // namespace vox::kws
