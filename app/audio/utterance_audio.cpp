#include "app/audio/utterance_audio.h"

#include "core/audio/audio_decoder.h"
#include "core/torch/log_mel.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>

namespace vox::app {

QByteArray wavBytes(const std::vector<float>& samples, int sampleRate)
{
    const quint32 dataBytes = quint32(samples.size() * 2);
    QByteArray out;
    out.reserve(int(44 + dataBytes));
    auto u32 = [&out](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        out.append(b, 4);
    };
    auto u16 = [&out](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        out.append(b, 2);
    };
    out.append("RIFF", 4);
    u32(36 + dataBytes);
    out.append("WAVEfmt ", 8);
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(quint32(sampleRate));
    u32(quint32(sampleRate * 2));
    u16(2);
    u16(16);
    out.append("data", 4);
    u32(dataBytes);
    for (float s : samples)
        u16(quint16(qint16(std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f))));
    return out;
}

Expected<UtteranceAudio> readUtteranceAudio(const QString& utteranceId, const QString& path, double start, double end)
{
    UtteranceAudio out;
    out.utteranceId = utteranceId;
    audio::DecodeOptions options;
    options.startSeconds = std::max(0.0, start);
    options.endSeconds = end;
    auto decoded = audio::decodeAudio(path.toStdString(), options);
    if (!decoded)
        return decoded.error();
    out.samples = std::move(decoded->samples);
    out.sampleRate = decoded->sampleRate;
    out.wav = wavBytes(out.samples, out.sampleRate);
    // The spectrogram over the whole utterance: one window as long as the audio (hop multiple).
    whisper::LogMelOptions mel;
    mel.windowSamples = std::max<int>(whisper::kHopLength * 2,
                                      int((out.samples.size() + whisper::kHopLength - 1) / whisper::kHopLength)
                                          * whisper::kHopLength);
    auto spectrogram = whisper::logMelSpectrogram(out.samples, mel);
    if (spectrogram && spectrogram->shape.size() == 2) {
        out.melBins = int(spectrogram->shape[0]);
        out.melFrames = int(spectrogram->shape[1]);
        out.mel = std::move(spectrogram->values);
    }
    return out;
}

} // namespace vox::app
