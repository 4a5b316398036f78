#include "core/kws/cost.h"

#include <filesystem>

namespace vox::kws {

namespace {

constexpr int64_t kFloatBytes = 4;

// A layer's parameters: weights (one byte each when the layer is quantized) and biases
// (BatchNorm's weight and bias count here too: float32 always).
struct Parameters {
    int64_t weights = 0, biases = 0;
};

void add(KwsCost& cost, LayerCost layer, Parameters p, bool quantized)
{
    layer.parameters = p.weights + p.biases;
    layer.dtype = quantized ? "qint8" : "float32";
    const int64_t weightBytes = p.weights * (quantized ? 1 : kFloatBytes);
    layer.bytes = weightBytes + p.biases * kFloatBytes;
    cost.bytesByDtype[layer.dtype] += weightBytes;
    cost.bytesByDtype["float32"] += p.biases * kFloatBytes;
    cost.parameters += layer.parameters;
    cost.parameterBytes += layer.bytes;
    cost.layers.push_back(std::move(layer));
}

LayerCost named(std::string name, std::string kind, int64_t macsPerFrame, int64_t macsPerCall)
{
    LayerCost layer;
    layer.name = std::move(name);
    layer.kind = std::move(kind);
    layer.macsPerFrame = macsPerFrame;
    layer.macsPerCall = macsPerCall;
    return layer;
}

int64_t folderBytes(const std::filesystem::path& folder)
{
    int64_t total = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec))
            total += static_cast<int64_t>(it->file_size(ec));
    return total;
}

Error costError(const PackageInfo& package, const std::string& message)
{
    return makeError("cannot count the cost: " + message, package.folder.string());
}

// Which module types the package's dynamic quantization covered.
struct Quantized {
    bool gru = false, linear = false;
};

} // namespace

Expected<KwsCost> kwsCost(const PackageInfo& package, int chunkSamples)
{
    const Architecture& a = package.architecture;
    if (package.family != kFamily)
        return costError(package, "family '" + package.family + "' is not one VoxBench counts (" + kFamily + " is)");
    if (!a.known())
        return costError(package, "the manifest has no architecture (conv_channels, gru_hidden)");
    if (a.convKernels.size() != a.convChannels.size() || a.convStrides.size() != a.convChannels.size())
        return costError(package, "the architecture needs one kernel and one stride per convolution");
    if (a.gruLayers < 1 || a.attention < 1 || a.poolFrames < 1 || a.nMels < 1 || package.labels.empty())
        return costError(package, "the architecture needs gru_layers, attention, pool_frames, n_mels and labels");
    if (package.hopSamples < 1 || package.sampleRate < 1)
        return costError(package, "the package needs a positive sample rate and hop");
    const int chunk = chunkSamples == 0 ? package.chunkSamples : chunkSamples;
    if (chunk < 1 || chunk % package.hopSamples != 0)
        return costError(package, "a chunk of " + std::to_string(chunk) + " samples is not a positive multiple of the hop ("
                                      + std::to_string(package.hopSamples) + " samples)");
    Quantized quantized;
    for (const auto& module : package.quantizedModules) {
        if (module == "GRU")
            quantized.gru = true;
        else if (module == "Linear")
            quantized.linear = true;
        else
            return costError(package, "variant.options.modules names '" + module + "' (VoxBench counts GRU and Linear)");
    }

    KwsCost cost;
    // Convolutions: one output column per frame (time stride 1; the frames before are kept in the
    // state), each output a kernel-sized dot product; the frequency axis shrinks by kernel and
    // stride. The BatchNorm after each is folded at inference (no MACs) but its weight and bias
    // are parameters; its running mean and variance are buffers, not parameters, not counted.
    int64_t channels = 1, bins = a.nMels;
    for (size_t i = 0; i < a.convChannels.size(); ++i) {
        const auto [kf, kt] = a.convKernels[i];
        const auto [sf, st] = a.convStrides[i];
        const std::string name = "conv" + std::to_string(i + 1);
        if (st != 1)
            return costError(package, name + " has a time stride of " + std::to_string(st)
                                          + " (VoxBench counts streaming convolutions, time stride 1)");
        if (bins < kf || sf < 1)
            return costError(package, name + "'s kernel does not fit its " + std::to_string(bins) + " frequency bins");
        bins = (bins - kf) / sf + 1;
        const int64_t out = a.convChannels[i];
        const int64_t kernel = channels * kf * kt;
        add(cost, named(name, "conv2d", out * bins * kernel, 0), {out * kernel, out + 2 * out}, false);
        channels = out;
    }

    // GRU: per layer and frame, three gates of W_i x + W_h h (the gates' products with r and z
    // are elementwise, not counted); biases b_ih and b_hh per gate.
    const int64_t hidden = a.gruHidden;
    Parameters gru;
    for (int l = 0; l < a.gruLayers; ++l) {
        const int64_t input = l == 0 ? channels * bins : hidden;
        gru.weights += 3 * hidden * (input + hidden);
        gru.biases += 2 * 3 * hidden;
    }
    add(cost, named("gru", "gru", gru.weights, 0), gru, quantized.gru);

    // Attention energy per frame: Linear(hidden, attention), tanh, Linear(attention, 1, no bias).
    const int64_t att = a.attention;
    add(cost, named("attention", "linear", hidden * att + att, 0), {hidden * att + att, att}, quantized.linear);

    // Per call: the softmax-weighted sum of the last pool_frames outputs, then the classifier.
    add(cost, named("pooling", "weighted sum", 0, int64_t(a.poolFrames) * hidden), {}, false);
    const auto classes = static_cast<int64_t>(package.labels.size());
    add(cost, named("classifier", "linear", 0, hidden * classes), {hidden * classes, classes}, quantized.linear);

    cost.framesPerSecond = double(package.sampleRate) / package.hopSamples;
    cost.callsPerSecond = double(package.sampleRate) / chunk;
    for (const auto& layer : cost.layers)
        cost.macsPerSecond += double(layer.macsPerFrame) * cost.framesPerSecond
            + double(layer.macsPerCall) * cost.callsPerSecond;
    cost.bytesOnDisk = folderBytes(package.folder);
    return cost;
}

} // namespace vox::kws
