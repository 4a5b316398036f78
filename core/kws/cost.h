#pragma once
// What a KWS package costs, counted from its manifest's architecture (docs/MODEL-PACKAGE.md,
// "KWS packages"), torch-free (voxbench_core): multiply-accumulates per second of audio layer by
// layer (convolutions, GRU, attention, classifier; dynamically quantized layers are counted like
// their float versions: the arithmetic is the same, only its precision differs), parameters and
// the bytes they take by dtype, and the size on disk.
//
// What counts (core/kws/cost.cpp; checked by hand in tests/core/kws/tst_kws_cost.cpp):
// - A MAC is one multiply-accumulate of a layer's weights with its input: a convolution output's
//   in_channels x kernel products, a GRU's 3 x hidden x (input + hidden) per layer and frame (the
//   gates' elementwise products with r and z are not counted), a Linear's in x out, and the
//   attention pooling's pool_frames x hidden weighted sum per call. Bias additions, BatchNorm
//   (folded into the convolution at inference), ReLU, tanh, sigmoid and softmax are not counted.
// - The log-mel front end inside the module (window, FFT, mel filterbank, log, normalization) is
//   not a layer and is not counted; it is the same for every demo package.
// - Per 10-ms frame the convolutions, GRU and attention energy run; per stream()/forward() call
//   the pooling and the classifier. frames/s = sample_rate / hop_samples, calls/s = sample_rate /
//   chunk (a clip classified whole is one call per clip_seconds, i.e. chunk = the clip).
// - Parameters are what PyTorch's model.parameters() holds (so `parameters` equals the manifest's
//   parameter_count): BatchNorm's weight and bias count with their convolution; its running mean
//   and variance are buffers, not counted, and neither are the front end's buffers.
// - Bytes: float32 parameters 4 each; a quantized layer's (variant.options.modules: "GRU",
//   "Linear") weights 1 byte each ("qint8"), its biases float32 (as PyTorch's dynamic
//   quantization keeps them); the per-tensor scale and zero point are not counted.
#include "core/kws/kws_types.h"
#include "core/util/expected.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vox::kws {

struct LayerCost {
    std::string name;        // "conv1", "conv2", "gru", "attention", "pooling", "classifier"
    std::string kind;        // "conv2d", "gru", "linear", "weighted sum"
    int64_t macsPerFrame = 0; // per 10-ms frame (a layer that runs once per model call: 0)
    int64_t macsPerCall = 0;  // per call of stream()/forward() (pooling, classifier)
    int64_t parameters = 0;
    std::string dtype;       // "float32", or "qint8" for a dynamically quantized layer's weights
    int64_t bytes = 0;       // its parameters' bytes (int8 weights: 1 byte each, biases float32)
};

struct KwsCost {
    std::vector<LayerCost> layers;
    double framesPerSecond = 0;
    double callsPerSecond = 0;   // stream calls per second of audio at the chunk size used
    double macsPerSecond = 0;    // sum over layers of per-frame x frames/s + per-call x calls/s
    int64_t parameters = 0;      // equals the manifest's parameter_count for VoxBench's CRNNs
    std::map<std::string, int64_t> bytesByDtype; // parameter bytes ("float32", "qint8")
    int64_t parameterBytes = 0;
    int64_t bytesOnDisk = 0;     // the package folder's files
};

// chunkSamples 0: the package's chunk. An error when the manifest has no architecture VoxBench
// can count (a family or layer it does not know), naming what is missing.
Expected<KwsCost> kwsCost(const PackageInfo& package, int chunkSamples = 0);

} // namespace vox::kws
