#pragma once
// A VoxBench Whisper model package (docs/MODEL-PACKAGE.md): reading and checking its manifest
// and files. Torch-free: the TorchScript modules are checked by Engine::load.
#include "core/util/expected.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vox::whisper {

inline constexpr int kPackageFormatVersion = 1;
inline constexpr const char* kManifestName = "voxbench-model.json";

// OpenAI's ten Whisper dims.
struct ModelDims {
    int nMels = 0, nAudioCtx = 0, nAudioState = 0, nAudioHead = 0, nAudioLayer = 0;
    int nVocab = 0, nTextCtx = 0, nTextState = 0, nTextHead = 0, nTextLayer = 0;
};

struct SpecialTokens {
    int64_t endOfText = 0, startOfTranscript = 0, translate = 0, transcribe = 0, startOfLm = 0;
    int64_t startOfPrev = 0, noSpeech = 0, noTimestamps = 0, timestampBegin = 0;
};

// What the weights really are (pruned packages have fewer heads and FFN channels).
struct PackageShapes {
    int encoderHeadDim = 0, decoderHeadDim = 0;
    std::vector<int> encoderHeads, decoderSelfHeads, decoderCrossHeads; // per layer
    std::vector<int> encoderMlp, decoderMlp;                            // hidden width per layer
    int selfKvWidth = 0, crossKvWidth = 0;
};

struct PackageFiles {
    std::string encoder, decoder, vocab, merges, vocabLicense;
};

// The manifest, read and checked. Plain data, cheap to copy.
struct PackageInfo {
    std::filesystem::path folder;
    int formatVersion = 0;
    std::string family;
    ModelDims dims;
    bool multilingual = false;
    std::string vocabulary;
    SpecialTokens special;
    std::vector<std::pair<std::string, int64_t>> languageTokens; // Whisper's order
    int64_t textTokenLimit = 0;
    std::vector<int64_t> suppressTokens, beginSuppressTokens;
    int defaultMaxNewTokens = 224;
    int guardMaxNgram = 8, guardRepeats = 5;
    PackageShapes shapes;
    std::string sourceKind, sourceDescription;
    std::string variantKind, variantDescription;
    // int8 packages: the engine each module's packed weights are made for (variant.options:
    // quantization_engine, and quantization_engines {encoder, decoder} where the exporter chose
    // per module); names as torch.backends.quantized has them.
    std::string quantizationEngine, encoderEngine, decoderEngine;
    std::optional<std::string> dtypeAtLoad; // "float16" / "bfloat16" for fp16/bf16 packages
    int64_t parameterCount = 0;
    std::string torchVersion;
    PackageFiles files;
    std::map<std::string, std::string> sha256; // file name -> lowercase hex

    std::filesystem::path filePath(const std::string& name) const { return folder / name; }
    std::optional<int64_t> languageToken(const std::string& code) const;
    // English-only: [startoftranscript, notimestamps]; multilingual: [startoftranscript,
    // language, task, notimestamps].
    std::vector<int64_t> prompt(int64_t language, int64_t task) const;
};

struct PackageReadOptions {
    bool verifyChecksums = true; // hashing reads every byte (about 1 s per GB)
    const std::atomic<bool>* cancel = nullptr; // read before each file is hashed
};

// Reads `folder/voxbench-model.json` and checks what can be checked without torch: every
// field, format version and family, consistency of dims, token ids and shapes, that every
// listed file exists and (optionally) that its SHA-256 matches. Errors name the file.
Expected<PackageInfo> readPackage(const std::filesystem::path& folder, const PackageReadOptions& options = {});

} // namespace vox::whisper
