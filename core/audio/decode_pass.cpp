#include "core/audio/decode_pass.h"

#include "core/log/log.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/mathematics.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace vox::audio::detail {

namespace {
// Packets read to find time 0 before a seek; the first frame comes within a few.
constexpr int kMaxPacketsForOrigin = 64;
} // namespace

DecodePass::DecodePass(InputFile& in, int outRate, std::int64_t keepFrom, std::int64_t keepUntil,
    std::int64_t maxSamples, std::vector<float>& out)
    : m_in(in)
    , m_outRate(outRate)
    , m_resampler(outRate, keepFrom, keepUntil, maxSamples, out)
{
}

bool DecodePass::stopped() const
{
    return m_outcome.error || m_outcome.seekFailed || m_resampler.done() || m_resampler.overLimit();
}

PassOutcome DecodePass::run(std::int64_t seekInput)
{
    if (seekInput >= 0 && !seekTo(seekInput)) {
        m_outcome.seekFailed = true;
        return m_outcome;
    }
    AVPacket* packet = m_in.packet;
    int readError = 0;
    bool endOfFile = false;
    while (!stopped()) {
        const int ret = av_read_frame(m_in.format, packet);
        if (ret == AVERROR_EOF) {
            endOfFile = true;
            break;
        }
        if (ret < 0) {
            readError = ret;
            break;
        }
        if (packet->stream_index == m_in.stream->index)
            sendAndDrain(packet);
        av_packet_unref(packet);
    }
    if (!stopped())
        sendAndDrain(nullptr); // the frames the decoder still holds
    // Stopping at the range end, even while draining, leaves frames unseen: not the whole file.
    finish(readError, endOfFile && !m_resampler.done());
    return m_outcome;
}

// Time 0 is the timestamp of the first frame a decode from the start produces (the encoder
// delay already dropped); after a seek, positions are measured from it.
std::int64_t DecodePass::firstFrameTimestamp()
{
    AVPacket* packet = m_in.packet;
    AVFrame* frame = m_in.frame;
    for (int read = 0; read < kMaxPacketsForOrigin && av_read_frame(m_in.format, packet) >= 0; ++read) {
        if (packet->stream_index != m_in.stream->index) {
            av_packet_unref(packet);
            continue;
        }
        const int sent = avcodec_send_packet(m_in.decoder, packet);
        av_packet_unref(packet);
        if (sent < 0)
            return AV_NOPTS_VALUE;
        while (avcodec_receive_frame(m_in.decoder, frame) >= 0) {
            const std::int64_t timestamp = frame->nb_samples > 0 ? frame->best_effort_timestamp : AV_NOPTS_VALUE;
            av_frame_unref(frame);
            if (timestamp != AV_NOPTS_VALUE)
                return timestamp;
        }
    }
    return AV_NOPTS_VALUE;
}

bool DecodePass::seekTo(std::int64_t seekInput)
{
    m_seekRate = m_in.stream->codecpar->sample_rate;
    m_origin = firstFrameTimestamp();
    if (m_origin == AV_NOPTS_VALUE || m_seekRate <= 0)
        return false;
    const AVRational sampleUnit {1, m_seekRate};
    const std::int64_t timestamp = m_origin + av_rescale_q(seekInput, sampleUnit, m_in.stream->time_base);
    if (avformat_seek_file(m_in.format, m_in.stream->index, INT64_MIN, timestamp, timestamp, 0) < 0)
        return false;
    avcodec_flush_buffers(m_in.decoder);
    m_target = seekInput;
    m_placed = false;
    return true;
}

void DecodePass::sendAndDrain(const AVPacket* packet)
{
    int ret = avcodec_send_packet(m_in.decoder, packet);
    if (ret < 0 && ret != AVERROR_EOF) {
        noteDecodeError(ret);
        if (stopped())
            return;
    }
    AVFrame* frame = m_in.frame;
    while (!stopped()) {
        ret = avcodec_receive_frame(m_in.decoder, frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return;
        if (ret < 0) {
            noteDecodeError(ret);
            return;
        }
        handleFrame(frame);
        av_frame_unref(frame);
    }
}

void DecodePass::handleFrame(const AVFrame* frame)
{
    if (frame->nb_samples <= 0 || frame->sample_rate <= 0)
        return;
    if (!m_placed) {
        // The first frame after the seek: its timestamp says where it is. Any surprise (no
        // timestamp, a rate change, landing after the target) and the pass gives up the seek.
        const std::int64_t timestamp = frame->best_effort_timestamp;
        if (timestamp == AV_NOPTS_VALUE || frame->sample_rate != m_seekRate) {
            m_outcome.seekFailed = true;
            return;
        }
        m_position = av_rescale_q(timestamp - m_origin, m_in.stream->time_base, AVRational {1, m_seekRate});
        if (m_position < 0 || m_position > m_target) {
            m_outcome.seekFailed = true;
            return;
        }
        const std::int64_t grid = m_seekRate / std::gcd(m_seekRate, m_outRate);
        const std::int64_t settled = m_position + std::llround(kSettleSeconds * m_seekRate);
        m_firstFed = (settled + grid - 1) / grid * grid;
        m_resampler.setNextOutputIndex(m_firstFed / grid * (m_outRate / std::gcd(m_seekRate, m_outRate)));
        m_seconds = double(m_position) / m_seekRate;
        m_placed = true;
        vox::log::get("audio")->debug("{}: seek placed at input sample {} (aimed at {}), feeding from {}",
            m_in.path.string(), m_position, m_target, m_firstFed);
    }
    const std::int64_t skip = std::clamp<std::int64_t>(m_firstFed - m_position, 0, frame->nb_samples);
    if (skip < frame->nb_samples) {
        const int ret = m_resampler.push(frame, static_cast<int>(skip));
        if (ret < 0) {
            m_outcome.error = fileError(m_in.path,
                "cannot convert the decoded audio (" + std::to_string(frame->sample_rate) + " Hz, "
                    + std::to_string(frame->ch_layout.nb_channels) + " channels): " + ffmpegReason(ret));
            return;
        }
        m_anyAudio = true;
        if (m_errorCount > 0)
            m_audioAfterError = true;
    }
    m_position += frame->nb_samples;
    m_seconds += double(frame->nb_samples) / frame->sample_rate;
}

void DecodePass::noteDecodeError(int code)
{
    // Right after a seek the decoder may stumble (an MP3 frame whose bit reservoir lies before
    // the seek point); that audio is dropped anyway.
    if (!m_placed || m_position < m_firstFed)
        return;
    if (!m_anyAudio) {
        m_outcome.error = fileError(m_in.path,
            std::string("cannot decode the ") + avcodec_get_name(m_in.decoder->codec_id)
                + " audio: " + ffmpegReason(code));
        return;
    }
    if (m_errorCount++ == 0) {
        m_firstErrorAt = m_seconds;
        m_firstErrorReason = ffmpegReason(code);
    }
    m_audioAfterError = false;
}

void DecodePass::finish(int readError, bool endOfFile)
{
    m_outcome.decodedSeconds = m_seconds;
    m_outcome.overLimit = m_resampler.overLimit();
    if (m_outcome.error || m_outcome.seekFailed || m_outcome.overLimit)
        return;
    if (!m_placed) {
        m_outcome.seekFailed = true; // the seek led to no frame at all
        return;
    }
    if (readError < 0) {
        m_outcome.errorAtEnd = m_anyAudio;
        m_outcome.error = fileError(m_in.path,
            m_anyAudio
                ? "the file is truncated or corrupt at " + describeDuration(m_seconds) + ": " + ffmpegReason(readError)
                : "cannot read the audio: " + ffmpegReason(readError));
        return;
    }
    if (m_errorCount > 0) {
        m_outcome.errorAtEnd = !m_audioAfterError;
        m_outcome.error = fileError(m_in.path,
            m_audioAfterError
                ? "corrupt audio data at " + describeDuration(m_firstErrorAt) + " (" + std::to_string(m_errorCount)
                    + (m_errorCount == 1 ? " packet does" : " packets do") + " not decode): " + m_firstErrorReason
                : "the file is truncated at " + describeDuration(m_firstErrorAt) + ": its last audio does not decode ("
                    + m_firstErrorReason + ")");
        return;
    }
    if (endOfFile && m_resampler.flush() < 0) {
        m_outcome.error = fileError(m_in.path, "cannot convert the end of the audio");
        return;
    }
    m_outcome.reachedEnd = endOfFile;
    m_outcome.overLimit = m_resampler.overLimit();
    m_outcome.outputEnd = m_resampler.nextOutputIndex();
    if (const std::int64_t bad = m_resampler.nonFiniteIndex(); bad >= 0) {
        const float value = m_resampler.nonFiniteValue();
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.3f", double(bad) / m_outRate);
        m_outcome.error = fileError(m_in.path,
            std::string("the audio holds a sample that is not a finite number (")
                + (std::isnan(value) ? "NaN"
                        : value > 0  ? "+inf"
                                     : "-inf")
                + ") at " + seconds + " s into the file (sample " + std::to_string(bad) + " from the start at "
                + std::to_string(m_outRate) + " Hz); re-export the file with finite sample values");
    }
}

} // namespace vox::audio::detail
