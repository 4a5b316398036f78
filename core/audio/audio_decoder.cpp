#include "core/audio/audio_decoder.h"

#include "core/audio/decode_pass.h"
#include "core/audio/ffmpeg_input.h"
#include "core/audio/wav_header.h"
#include "core/log/log.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <chrono>
#include <cmath>
#include <new>
#include <numeric>
#include <optional>
#include <string_view>

namespace vox::audio {

namespace {

using detail::describeDuration;
using detail::fileError;

// A seek only pays when it skips more than this much audio.
constexpr double kMinSeekSeconds = 2.0;
constexpr double kMaxSeconds = 1e7;
// Header and data lengths differ by codec delay and padding (up to two MP3 frames, one Vorbis
// block); a larger shortfall is a truncated file.
constexpr double kTruncationToleranceSeconds = 0.25;

double containerDuration(const detail::InputFile& in)
{
    const AVStream* stream = in.stream;
    if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
        return static_cast<double>(stream->duration) * av_q2d(stream->time_base);
    if (in.format->duration != AV_NOPTS_VALUE && in.format->duration > 0)
        return static_cast<double>(in.format->duration) / AV_TIME_BASE;
    return -1;
}

// The playable length as a person would state it. FFmpeg's stream duration counts what the
// decoder drops at the start in two cases: MP3 (its Xing frame count includes the encoder
// delay, which is also the stream's start time) and Ogg Opus (the last granule includes the
// pre-skip). Without this an MP3's probe is two frames long.
double playableDuration(const detail::InputFile& in)
{
    double seconds = containerDuration(in);
    if (seconds <= 0)
        return seconds;
    const std::string_view container = in.format->iformat->name;
    const AVStream* stream = in.stream;
    if (container == "mp3" && stream->start_time != AV_NOPTS_VALUE && stream->start_time > 0)
        seconds -= static_cast<double>(stream->start_time) * av_q2d(stream->time_base);
    else if (container == "ogg" && stream->codecpar->codec_id == AV_CODEC_ID_OPUS && stream->codecpar->sample_rate > 0)
        seconds -= double(stream->codecpar->initial_padding) / stream->codecpar->sample_rate;
    return std::max(seconds, 0.0);
}

AudioInfo describe(const detail::InputFile& in)
{
    const AVCodecParameters* par = in.stream->codecpar;
    AudioInfo info;
    info.durationSeconds = playableDuration(in);
    info.sampleRate = par->sample_rate;
    info.channels = par->ch_layout.nb_channels;
    info.codec = avcodec_get_name(par->codec_id);
    info.container = in.format->iformat->name;
    return info;
}

std::optional<Error> checkOptions(const std::filesystem::path& path, const DecodeOptions& o)
{
    if (o.sampleRate < 1000 || o.sampleRate > 384000)
        return fileError(
            path, "invalid output sample rate " + std::to_string(o.sampleRate) + " Hz (use 1000 to 384000)");
    if (!std::isfinite(o.startSeconds) || o.startSeconds < 0)
        return fileError(path, "invalid time range: the start must be a time of at least 0 s");
    if (o.endSeconds != -1 && !std::isfinite(o.endSeconds))
        return fileError(path, "invalid time range: the end must be a time in seconds, or -1 for 'to the end'");
    // Keeps sample arithmetic far from overflow; no real recording is 116 days long.
    if (o.startSeconds > kMaxSeconds || (o.endSeconds != -1 && o.endSeconds > kMaxSeconds))
        return fileError(path, "invalid time range: times must be below 10,000,000 s");
    if (o.endSeconds != -1 && o.endSeconds < o.startSeconds)
        return fileError(path,
            "invalid time range: the end (" + describeDuration(o.endSeconds) + ") is before the start ("
                + describeDuration(o.startSeconds) + "); use -1 for 'to the end'");
    if (o.maxSamples <= 0)
        return fileError(path, "invalid sample limit: maxSamples must be positive");
    return std::nullopt;
}

std::string tooLong(const DecodeOptions& o, const std::string& what, const char* advice = "decode a time range instead")
{
    return what + "; one call decodes at most " + describeDuration(double(o.maxSamples) / o.sampleRate) + " ("
        + std::to_string(o.maxSamples) + " samples at " + std::to_string(o.sampleRate)
        + " Hz, a memory guard): " + advice;
}

// Where to seek, in input samples from time 0, or -1 to decode from the start: far enough
// before the range for the decoder to settle and the resampler to fill its filter. A seek
// must give the very samples a whole decode has, so it is used only where tests/core/audio
// show that it does:
// - demuxers whose timestamps after a seek place a frame to the sample, in a time base that
//   can name every sample (Matroska's milliseconds cannot; raw ADTS and AC-3 streams guess
//   theirs from the bitrate);
// - decoders whose output, some frames after a flush, no longer depends on where decoding
//   began. AAC is not one: its noise substitution (PNS) and SBR draw from generators that run
//   through the whole stream, so a mid-stream start gives different noise.
// Everything else decodes from the start and drops what comes before the range: exact, slower.
bool seekIsSampleExact(const detail::InputFile& in)
{
    static constexpr std::string_view kDemuxers[] = {"wav", "flac", "mp3", "ogg", "mov,mp4,m4a,3gp,3g2,mj2"};
    static constexpr AVCodecID kCodecs[]
        = {AV_CODEC_ID_FLAC, AV_CODEC_ID_ALAC, AV_CODEC_ID_MP3, AV_CODEC_ID_VORBIS, AV_CODEC_ID_OPUS};
    const std::string_view demuxer = in.format->iformat->name;
    const AVCodecID codec = in.stream->codecpar->codec_id;
    const bool pcm = std::string_view(avcodec_get_name(codec)).starts_with("pcm_");
    return std::find(std::begin(kDemuxers), std::end(kDemuxers), demuxer) != std::end(kDemuxers)
        && (pcm || std::find(std::begin(kCodecs), std::end(kCodecs), codec) != std::end(kCodecs));
}

std::int64_t planSeek(const detail::InputFile& in, std::int64_t keepFrom, int outRate)
{
    if (!seekIsSampleExact(in))
        return -1;
    const int inRate = in.stream->codecpar->sample_rate;
    const AVRational timeBase = in.stream->time_base;
    if (inRate <= 0 || timeBase.num <= 0 || timeBase.den % (std::int64_t(timeBase.num) * inRate) != 0)
        return -1;
    if (!in.format->pb || !(in.format->pb->seekable & AVIO_SEEKABLE_NORMAL))
        return -1;
    const std::int64_t startInput = keepFrom * inRate / outRate;
    const std::int64_t grid = inRate / std::gcd(inRate, outRate);
    const std::int64_t margin = std::llround((detail::kSettleSeconds + 0.1) * inRate) + grid;
    const std::int64_t target = startInput - margin;
    return target > kMinSeekSeconds * inRate ? target : -1;
}

// A decode that reached the end: is the file shorter than its header says?
std::optional<Error> checkComplete(const detail::InputFile& in, double decodedSeconds)
{
    const AVCodecParameters* par = in.stream->codecpar;
    if (std::string_view(in.format->iformat->name) == "wav") {
        // FFmpeg ignores a data size beyond the end of the file; compare byte counts directly.
        const auto chunk = detail::readWavDataChunk(in.path);
        if (chunk && chunk->offset + chunk->declaredBytes > in.fileSize && par->block_align > 0
            && par->sample_rate > 0) {
            const double declared = double(chunk->declaredBytes) / par->block_align / par->sample_rate;
            return fileError(in.path,
                "the file is truncated at " + describeDuration(decodedSeconds) + ": its WAV header declares "
                    + describeDuration(declared) + " (" + std::to_string(chunk->declaredBytes)
                    + " bytes of audio) but the file holds "
                    + std::to_string(in.fileSize > chunk->offset ? in.fileSize - chunk->offset : 0));
        }
        return std::nullopt;
    }
    // Only a length the header states (FLAC STREAMINFO, Xing, MP4 tables) can show truncation;
    // one estimated from the bitrate or read from the last packet follows the data.
    if (in.format->duration_estimation_method != AVFMT_DURATION_FROM_STREAM)
        return std::nullopt;
    const double declared = playableDuration(in);
    if (declared > 0 && declared - decodedSeconds > kTruncationToleranceSeconds + 0.001 * declared)
        return fileError(in.path,
            "the file is truncated at " + describeDuration(decodedSeconds) + ": its header declares "
                + describeDuration(declared));
    return std::nullopt;
}

} // namespace

Expected<AudioInfo> probeAudio(const std::filesystem::path& path)
{
    detail::clearFfmpegMessage();
    auto in = detail::openInput(path);
    if (!in.ok())
        return in.error();
    return describe(**in);
}

namespace {

// How many samples to reserve: what the container says, but never more than the file's size
// could hold at a very low bitrate (500 bytes/s), so a lying header cannot reserve gigabytes.
std::int64_t expectedSamples(const detail::InputFile& in, const AudioInfo& info, const DecodeOptions& o,
    std::int64_t keepFrom, std::int64_t keepUntil)
{
    if (info.durationSeconds <= 0)
        return 0;
    const double seconds = std::min(info.durationSeconds, double(in.fileSize) / 500.0);
    std::int64_t samples = std::llround(seconds * o.sampleRate) - keepFrom + o.sampleRate / 10;
    if (keepUntil >= 0)
        samples = std::min(samples, keepUntil - keepFrom);
    return std::clamp<std::int64_t>(samples, 0, o.maxSamples);
}

Expected<DecodedAudio> decode(const std::filesystem::path& path, const DecodeOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    auto opened = detail::openInput(path);
    if (!opened.ok())
        return opened.error();

    const int rate = options.sampleRate;
    const std::int64_t keepFrom = std::llround(options.startSeconds * rate);
    const std::int64_t keepUntil = options.endSeconds < 0 ? -1 : std::llround(options.endSeconds * rate);
    AudioInfo info = describe(**opened);

    // The memory guard, before anything is decoded: the range asked for, or what the container
    // says the file holds. (A file that holds more than it says is stopped while decoding.)
    if (keepUntil >= 0 && keepUntil - keepFrom > options.maxSamples)
        return fileError(path,
            tooLong(options, "the range asks for " + describeDuration(options.endSeconds - options.startSeconds),
                "decode shorter ranges"));
    if (info.durationSeconds > 0) {
        std::int64_t fromFile = std::llround(info.durationSeconds * rate) - keepFrom;
        if (keepUntil >= 0)
            fromFile = std::min(fromFile, keepUntil - keepFrom);
        if (fromFile > options.maxSamples)
            return fileError(
                path, tooLong(options, "the file declares " + describeDuration(info.durationSeconds) + " of audio"));
    }

    DecodedAudio result;
    result.sampleRate = rate;
    result.startSeconds = double(keepFrom) / rate;
    // Growing by doubling would copy and page-fault the whole output several times over.
    result.samples.reserve(static_cast<size_t>(expectedSamples(**opened, info, options, keepFrom, keepUntil)));

    detail::PassOutcome outcome;
    {
        detail::DecodePass pass(**opened, rate, keepFrom, keepUntil, options.maxSamples, result.samples);
        outcome = pass.run(planSeek(**opened, keepFrom, rate));
    }
    if (outcome.seekFailed) {
        // The seek did not land where timestamps could place it: decode from the start instead.
        vox::log::get("audio")->debug("{}: seek unusable, decoding from the start", path.string());
        result.samples.clear();
        opened = detail::openInput(path);
        if (!opened.ok())
            return opened.error();
        detail::DecodePass pass(**opened, rate, keepFrom, keepUntil, options.maxSamples, result.samples);
        outcome = pass.run(-1);
    }
    if (outcome.error) {
        // A header that declares more audio names the problem better than the failed packet.
        if (outcome.errorAtEnd)
            if (auto truncated = checkComplete(**opened, outcome.decodedSeconds))
                return *truncated;
        return *outcome.error;
    }
    if (outcome.overLimit)
        return fileError(path, tooLong(options, "the audio is too long"));

    if (outcome.reachedEnd) {
        if (auto truncated = checkComplete(**opened, outcome.decodedSeconds))
            return *truncated;
        if (outcome.decodedSeconds <= 0)
            return fileError(path, "the file holds no audio samples");
        if (outcome.outputEnd < keepFrom)
            return fileError(path,
                "invalid time range: the start (" + describeDuration(options.startSeconds)
                    + ") is beyond the end of the audio (" + describeDuration(outcome.decodedSeconds) + ")");
        info.durationSeconds = outcome.decodedSeconds;
    }
    result.source = info;
    // Only a far-off estimate is worth a copy.
    if (result.samples.capacity() > result.samples.size() + result.samples.size() / 4 + 4096)
        result.samples.shrink_to_fit();

    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    vox::log::get("audio")->debug("{}: {} samples at {} Hz from {} {} in {:.1f} ms", path.string(),
        result.samples.size(), rate, info.container, info.codec, ms);
    return result;
}

} // namespace

Expected<DecodedAudio> decodeAudio(const std::filesystem::path& path, const DecodeOptions& options)
{
    detail::clearFfmpegMessage();
    if (auto invalid = checkOptions(path, options))
        return *invalid;
    try {
        return decode(path, options);
    } catch (const std::bad_alloc&) {
        return fileError(path, "out of memory decoding the file; decode a shorter time range");
    }
}

} // namespace vox::audio
