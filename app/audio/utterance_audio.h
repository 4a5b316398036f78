#pragma once
// One utterance's audio for the Data page, read off the UI thread: the samples (core's FFmpeg
// decoder, the utterance's time span only), its log-mel spectrogram (the Whisper front end,
// 80 bins) and a 16-bit WAV image of it for QtMultimedia to play.
#include "core/util/expected.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace vox::app {

struct UtteranceAudio {
    QString utteranceId;
    std::vector<float> samples;  // mono, 16 kHz, [-1, 1]
    int sampleRate = 16000;
    int melBins = 0, melFrames = 0;
    std::vector<float> mel;      // [melBins x melFrames], row-major, Whisper's scale
    QByteArray wav;

    double seconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0; }
};

// Blocking; for a job off the UI thread. end < 0: to the end of the file.
Expected<UtteranceAudio> readUtteranceAudio(const QString& utteranceId, const QString& path, double start, double end);

// RIFF/WAVE, PCM 16-bit mono.
QByteArray wavBytes(const std::vector<float>& samples, int sampleRate);

} // namespace vox::app
