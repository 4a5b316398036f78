#include "core/torch/log_mel.h"

#include "core/torch/torch_error.h"

#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace vox::whisper {

namespace {

constexpr int kMaxMelBins = 1024;

// Slaney's mel scale (Auditory Toolbox), as librosa uses it with htk=False: linear below 1 kHz
// at 200/3 Hz per mel (1 kHz is mel 15), logarithmic above with 27 mels per factor 6.4.
// The arithmetic follows tools/whisper/audio.py operation for operation, so both give the
// same doubles.
constexpr double kLinearHzPerMel = 200.0 / 3.0;
constexpr double kBreakHz = 1000.0;
constexpr double kBreakMel = kBreakHz / kLinearHzPerMel;

double logHzPerMel()
{
    static const double value = std::log(6.4) / 27.0;
    return value;
}

double hzToMel(double hz)
{
    if (hz < kBreakHz)
        return hz / kLinearHzPerMel;
    return kBreakMel + std::log(hz / kBreakHz) / logHzPerMel();
}

double melToHz(double mel)
{
    if (mel < kBreakMel)
        return mel * kLinearHzPerMel;
    return kBreakHz * std::exp(logHzPerMel() * (mel - kBreakMel));
}

// Triangles between n + 2 edges equally spaced in mel from 0 Hz to Nyquist, each scaled to unit
// area (height 2 / (hi - lo)). The unscaled weight is rounded to float before scaling, as
// librosa's float32 weight array does.
std::vector<float> computeFilters(int nMels)
{
    const double top = hzToMel(kSampleRate / 2.0);
    const double step = top / (nMels + 1);
    std::vector<double> edges(static_cast<size_t>(nMels) + 2);
    for (int k = 0; k <= nMels; ++k)
        edges[static_cast<size_t>(k)] = melToHz(k * step);
    edges.back() = melToHz(top);

    std::vector<float> filters(static_cast<size_t>(nMels) * kFftBins, 0.0f);
    for (int i = 0; i < nMels; ++i) {
        const double lo = edges[static_cast<size_t>(i)];
        const double centre = edges[static_cast<size_t>(i) + 1];
        const double hi = edges[static_cast<size_t>(i) + 2];
        const double scale = 2.0 / (hi - lo);
        for (int k = 0; k < kFftBins; ++k) {
            const double hz = static_cast<double>(kSampleRate) * k / kFftSize;
            const double rising = (hz - lo) / (centre - lo);
            const double falling = (hi - hz) / (hi - centre);
            const auto weight = static_cast<float>(std::max(0.0, std::min(rising, falling)));
            filters[static_cast<size_t>(i) * kFftBins + static_cast<size_t>(k)] =
                static_cast<float>(static_cast<double>(weight) * scale);
        }
    }
    return filters;
}

// One immutable filterbank per bin count, computed on first use; callers on any thread share it.
std::shared_ptr<const std::vector<float>> cachedFilters(int nMels)
{
    static std::mutex mutex;
    static std::map<int, std::shared_ptr<const std::vector<float>>> cache;
    const std::lock_guard lock(mutex);
    auto& slot = cache[nMels];
    if (!slot)
        slot = std::make_shared<const std::vector<float>>(computeFilters(nMels));
    return slot;
}

} // namespace

std::vector<float> melFilters(int nMels)
{
    if (nMels < 1 || nMels > kMaxMelBins)
        return {};
    return *cachedFilters(nMels);
}

Expected<TensorData> logMelSpectrogram(const std::vector<float>& samples16k, const LogMelOptions& options)
{
    const int nMels = options.nMels;
    if (nMels != 80 && nMels != 128)
        return makeError("unsupported number of mel bins " + std::to_string(nMels) + " (Whisper uses 80 or 128)");

    const int windowLength = options.windowSamples;
    if (windowLength <= kFftSize / 2 || windowLength % kHopLength != 0)
        return makeError("unsupported window of " + std::to_string(windowLength)
                         + " samples (a multiple of 160 longer than 200 is needed)");
    // pad_or_trim: the first window, zero-padded at the end.
    const size_t used = std::min(samples16k.size(), static_cast<size_t>(windowLength));
    for (size_t i = 0; i < used; ++i) {
        if (!std::isfinite(samples16k[i]))
            return makeError("audio sample " + std::to_string(i) + " is not a finite number");
    }
    const auto filters = cachedFilters(nMels);

    try {
        // Thread-local: no autograd records, nothing global changes.
        const c10::InferenceMode inferenceMode;
        const auto floatOptions = torch::TensorOptions().dtype(torch::kFloat32);
        torch::Tensor audio = torch::zeros({windowLength}, floatOptions);
        std::copy_n(samples16k.data(), used, audio.data_ptr<float>());

        const torch::Tensor window = torch::hann_window(kFftSize, /*periodic=*/true, floatOptions);
        const torch::Tensor stft = torch::stft(audio, kFftSize, kHopLength, kFftSize, window, /*center=*/true,
                                               "reflect", /*normalized=*/false, /*onesided=*/true,
                                               /*return_complex=*/true);
        // Centred frames: 1 + window / 160 (3001 for 30 s); Whisper drops the last.
        const torch::Tensor power = stft.slice(/*dim=*/-1, 0, -1).abs().pow(2);
        // The cache is never written after it is made; from_blob only reads it here.
        const torch::Tensor filterTensor =
            torch::from_blob(const_cast<float*>(filters->data()), {nMels, kFftBins}, floatOptions);
        const torch::Tensor mel = torch::matmul(filterTensor, power);
        torch::Tensor logSpec = torch::clamp_min(mel, 1e-10).log10();
        logSpec = torch::maximum(logSpec, logSpec.max() - 8.0);
        logSpec = ((logSpec + 4.0) / 4.0).contiguous();

        TensorData out;
        out.shape.assign(logSpec.sizes().begin(), logSpec.sizes().end());
        const float* begin = logSpec.data_ptr<float>();
        out.values.assign(begin, begin + logSpec.numel());
        return out;
    } catch (const std::exception& e) {
        return makeError("log-mel spectrogram failed: " + torchMessage(e));
    }
}

} // namespace vox::whisper
