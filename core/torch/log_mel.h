#pragma once
// Whisper's log-mel front end: 16 kHz mono samples -> the [n_mels, 3000] features the encoder
// reads. Same conventions as the Python reference tools/whisper/audio.py (and Whisper's):
// 400-point STFT, periodic Hann window, hop 160, centred frames with reflect padding, power
// spectrum without the last frame, Slaney mel filterbank with Slaney area normalisation,
// log10 floored at 1e-10, at most 8 decades below the loudest value, then (x + 4) / 4.
#include "core/torch/tensor_data.h"
#include "core/util/expected.h"

#include <vector>

namespace vox::whisper {

inline constexpr int kSampleRate = 16000;
inline constexpr int kFftSize = 400;
inline constexpr int kHopLength = 160;
inline constexpr int kWindowSamples = 30 * kSampleRate; // 480000: one 30-second window
inline constexpr int kWindowFrames = kWindowSamples / kHopLength; // 3000
inline constexpr int kFftBins = kFftSize / 2 + 1; // 201

struct LogMelOptions {
    int nMels = 80; // 80 (Whisper up to large-v2) or 128 (large-v3)
    // Samples in one window: 2 * n_audio_ctx * 160 for a model (480000 for every OpenAI
    // checkpoint; shorter for models trained on shorter windows, such as the demo model).
    int windowSamples = kWindowSamples;
};

// Samples in one window of a model whose encoder has n_audio_ctx positions (two mel frames
// each; the encoder's second convolution has stride 2).
inline constexpr int windowSamplesFor(int nAudioCtx) { return 2 * nAudioCtx * kHopLength; }

// The log-mel of one window, shape [nMels, windowSamples / 160] ([nMels, 3000] for 30 s),
// row-major. The samples are first zero-padded at the end or cut to the window (Whisper's
// pad_or_trim): audio past the window is ignored, so long audio must be split into windows by
// the caller. Errors: nMels other than 80 or 128, a window that is not a positive multiple of
// 160 samples longer than 200, samples that are not finite. Thread-safe; changes no global torch setting (it runs with the
// calling thread's intra-op thread count).
Expected<TensorData> logMelSpectrogram(const std::vector<float>& samples16k, const LogMelOptions& options = {});

// The Slaney mel filterbank librosa.filters.mel(sr=16000, n_fft=400, n_mels=nMels) computes,
// [nMels, 201] row-major. Computed once per nMels and cached; empty for nMels < 1.
std::vector<float> melFilters(int nMels);

} // namespace vox::whisper
