#pragma once
#include "core/util/expected.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// Audio decoding for the models: any container and codec FFmpeg reads, first audio stream,
// resampled (libswresample, default settings) to mono float32. Torch-free and Qt-free. Calls
// are independent and may run on any threads at once.
//
// Conventions (tests/core/audio/ hold them to the ffmpeg command line, which uses the same
// libraries: `ffmpeg -i FILE -af pan=mono|c0=0.5*c0+0.5*c1 -ar 16000 -f f32le -`):
// - Mono is the MEAN of all input channels (LFE included), so in-range input stays in [-1, 1];
//   FFmpeg's own default stereo downmix, (L+R)*0.707, does not. The output is also clamped to
//   [-1, 1], because resampling rings past full scale at sharp edges and lossy codecs overshoot.
// - Time 0 is the first decoded sample, after the codec's encoder delay is dropped (as ffmpeg
//   does). A range [start, end) holds output samples round(start*rate) .. round(end*rate) - 1,
//   the very samples a whole decode has at those indices. An end past the end of the audio
//   stops at the end; a start past it is an error. Ranges far into a WAV, FLAC, MP3, Ogg
//   Vorbis/Opus or MP4 (PCM, ALAC) file seek; others (AAC, Matroska, raw streams) decode from
//   the start and drop what comes before, because their seeks are not sample-exact.
// - Failures are Errors whose context is the file path and whose message is one line a person
//   can act on: not found, a directory, empty, not audio, no audio stream, truncated, corrupt,
//   too long, an invalid range or option.
// - Truncation is an error, not a partial result. A file whose header declares more audio than
//   its data holds (WAV data chunk, FLAC STREAMINFO, MP3 Xing/LAME frame count, MP4 tables), or
//   whose last packet does not decode, fails with "truncated at N s". Formats that declare no
//   length (raw ADTS, CBR MP3 without a Xing header, Ogg, whose length is read from its last
//   page) cannot be told from shorter files and decode as they are.
// - A packet that does not decode fails the call too ("corrupt audio data at N s"; "cannot
//   decode" when it comes before any audio), even where ffmpeg would skip it with a warning,
//   because a skipped packet silently shifts every later sample. Decoders that accept any bits
//   (MP3's main data) cannot notice all corruption.
namespace vox::audio {

// Of the source stream, as the container describes it.
struct AudioInfo {
    double durationSeconds = 0; // exact after a decode that reached the end; else from the container
    int sampleRate = 0;
    int channels = 0;
    std::string codec; // FFmpeg codec name: "flac", "mp3", "aac", "opus", "pcm_s16le", ...
    std::string container; // FFmpeg demuxer name: "wav", "ogg", "mov,mp4,m4a,3gp,3g2,mj2", ...
};

// Memory guard: no call returns more than this many samples (4 h at 16 kHz, about 0.9 GB).
inline constexpr std::int64_t kDefaultMaxSamples = std::int64_t(4) * 3600 * 16000;

struct DecodeOptions {
    int sampleRate = 16000; // output rate in Hz, 1000 .. 384000
    double startSeconds = 0;
    double endSeconds = -1; // -1: to the end
    // Longer output is refused with an error, never cut short: checked against the length the
    // container declares before decoding, and against the samples while decoding.
    std::int64_t maxSamples = kDefaultMaxSamples;
};

struct DecodedAudio {
    std::vector<float> samples; // mono, float32, in [-1, 1]
    int sampleRate = 16000;
    AudioInfo source;
    double startSeconds = 0; // time of samples[0]: round(start*rate) / rate
};

// Opens the file and reads its headers (and, for some formats, a few packets); decodes nothing.
// The duration is the container's: exact for WAV, FLAC, MP4, Ogg; within a frame or two for MP3
// with a Xing header; estimated from the bitrate where nothing states it.
Expected<AudioInfo> probeAudio(const std::filesystem::path& path);

Expected<DecodedAudio> decodeAudio(const std::filesystem::path& path, const DecodeOptions& options = {});

} // namespace vox::audio
