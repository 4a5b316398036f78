#pragma once
// Internal to core/audio: one pass over an input's packets, decoding into a MonoResampler.
#include "core/audio/ffmpeg_input.h"
#include "core/audio/mono_resampler.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vox::audio::detail {

// After a seek, decoders need some input before their output equals a decode from the start
// (MP3's bit reservoir, the AAC and Vorbis overlap, Opus's inter-frame energy prediction):
// this much is decoded and dropped first.
inline constexpr double kSettleSeconds = 0.5;

struct PassOutcome {
    std::optional<Error> error; // decode errors, read errors, conversion failures
    bool errorAtEnd = false; // `error` is about the last packets: a header may say more
    bool seekFailed = false; // the seek landed where timestamps cannot place it
    bool reachedEnd = false; // read to the end of the file (not stopped at the range end)
    bool overLimit = false; // more output than maxSamples
    double decodedSeconds = 0; // input decoded from time 0 up to where the pass stopped
    std::int64_t outputEnd = 0; // output index after the last sample produced
};

class DecodePass {
public:
    DecodePass(InputFile& in, int outRate, std::int64_t keepFrom, std::int64_t keepUntil, std::int64_t maxSamples,
        std::vector<float>& out);

    // seekInput < 0: decode from time 0. Otherwise seek to a keyframe at or before input sample
    // `seekInput`, place the first decoded frame by its timestamp, and start feeding the
    // resampler at the first input index after the settling time that lies on the grid both
    // rates share, so its output samples are the very samples a whole decode has there.
    PassOutcome run(std::int64_t seekInput);

private:
    bool seekTo(std::int64_t seekInput);
    std::int64_t firstFrameTimestamp();
    void sendAndDrain(const AVPacket* packet);
    void handleFrame(const AVFrame* frame);
    void noteDecodeError(int code);
    bool stopped() const;
    void finish(int readError, bool endOfFile);

    InputFile& m_in;
    int m_outRate;
    MonoResampler m_resampler;
    PassOutcome m_outcome;

    bool m_placed = true; // false after a seek until the first frame is placed
    std::int64_t m_origin = 0; // timestamp of the first decoded frame (time 0)
    std::int64_t m_target = 0; // the input sample the seek aimed at
    int m_seekRate = 0;
    std::int64_t m_position = 0; // input sample index of the next decoded sample
    std::int64_t m_firstFed = 0; // input samples before it are decoded but not used
    double m_seconds = 0; // m_position in seconds, summed per frame (rates may change)

    bool m_anyAudio = false;
    int m_errorCount = 0;
    double m_firstErrorAt = 0;
    std::string m_firstErrorReason;
    bool m_audioAfterError = false;
};

} // namespace vox::audio::detail
