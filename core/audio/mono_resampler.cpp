#include "core/audio/mono_resampler.h"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cmath>

namespace vox::audio::detail {

MonoResampler::MonoResampler(
    int outRate, std::int64_t keepFrom, std::int64_t keepUntil, std::int64_t maxKept, std::vector<float>& out)
    : m_outRate(outRate)
    , m_keepFrom(keepFrom)
    , m_keepUntil(keepUntil)
    , m_maxKept(maxKept)
    , m_out(out)
{
}

MonoResampler::~MonoResampler()
{
    release();
}

void MonoResampler::release()
{
    swr_free(&m_swr);
    av_channel_layout_uninit(&m_inLayout);
    m_inFormat = -1;
    m_inRate = 0;
}

int MonoResampler::configure(const AVFrame* frame)
{
    AVChannelLayout layout {};
    // WAVs without a channel mask (and some raw formats) give only a count; swr wants a layout.
    int ret = frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC
        ? (av_channel_layout_default(&layout, frame->ch_layout.nb_channels), 0)
        : av_channel_layout_copy(&layout, &frame->ch_layout);
    if (ret < 0)
        return ret;
    const int channels = layout.nb_channels;
    if (channels <= 0 || frame->sample_rate <= 0) {
        av_channel_layout_uninit(&layout);
        return AVERROR_INVALIDDATA;
    }

    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO; // FFmpeg 5.1 takes non-const layouts
    ret = swr_alloc_set_opts2(&m_swr, &mono, AV_SAMPLE_FMT_FLT, m_outRate, &layout,
        static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr);
    if (ret >= 0 && channels > 1) {
        // The mean: never outside [-1, 1] for input inside it, unlike the (L+R)*0.707 default.
        const std::vector<double> matrix(static_cast<size_t>(channels), 1.0 / channels);
        ret = swr_set_matrix(m_swr, matrix.data(), channels);
    }
    if (ret >= 0)
        ret = swr_init(m_swr);
    if (ret < 0) {
        av_channel_layout_uninit(&layout);
        swr_free(&m_swr);
        return ret;
    }
    m_inLayout = layout;
    m_inFormat = frame->format;
    m_inRate = frame->sample_rate;
    return 0;
}

int MonoResampler::push(const AVFrame* frame, int skip)
{
    const bool sameLayout = m_swr
        && (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC
                ? frame->ch_layout.nb_channels == m_inLayout.nb_channels
                : av_channel_layout_compare(&frame->ch_layout, &m_inLayout) == 0);
    if (!sameLayout || frame->format != m_inFormat || frame->sample_rate != m_inRate) {
        if (m_swr) {
            if (const int ret = flush(); ret < 0)
                return ret;
            release();
        }
        if (const int ret = configure(frame); ret < 0)
            return ret;
    }

    const int count = frame->nb_samples - skip;
    if (count <= 0)
        return 0;
    // Point past the skipped samples: per plane for planar formats, interleaved otherwise.
    const auto format = static_cast<AVSampleFormat>(frame->format);
    const int bytesPerSample = av_get_bytes_per_sample(format);
    const bool planar = av_sample_fmt_is_planar(format);
    const int planes = planar ? m_inLayout.nb_channels : 1;
    const size_t offset = static_cast<size_t>(skip) * bytesPerSample * (planar ? 1 : m_inLayout.nb_channels);
    m_planes.resize(static_cast<size_t>(planes));
    for (int p = 0; p < planes; ++p)
        m_planes[static_cast<size_t>(p)] = frame->extended_data[p] + offset;
    return convert(m_planes.data(), count);
}

int MonoResampler::flush()
{
    if (!m_swr)
        return 0;
    for (;;) {
        const int produced = convert(nullptr, 0);
        if (produced <= 0)
            return produced;
    }
}

// Returns the number of samples produced (or an AVERROR).
int MonoResampler::convert(const std::uint8_t** input, int count)
{
    const int capacity = std::max(swr_get_out_samples(m_swr, count), 256);
    m_chunk.resize(static_cast<size_t>(capacity));
    auto* output = reinterpret_cast<std::uint8_t*>(m_chunk.data());
    const int produced = swr_convert(m_swr, &output, capacity, input, count);
    if (produced > 0)
        keep(produced);
    return produced;
}

void MonoResampler::keep(int produced)
{
    const std::int64_t begin = std::max(m_next, m_keepFrom);
    std::int64_t end = m_next + produced;
    if (m_keepUntil >= 0)
        end = std::min(end, m_keepUntil);
    if (end > begin && !m_overLimit) {
        if (static_cast<std::int64_t>(m_out.size()) + (end - begin) > m_maxKept) {
            m_overLimit = true; // the caller reports it; nothing more is stored
        } else {
            // Clamped: the resampler rings past full scale at sharp edges (up to ~8% on a
            // full-scale step, ~1e-5 of passband ripple on a full-scale tone), lossy decoders
            // overshoot, and models take [-1, 1].
            const float* first = m_chunk.data() + (begin - m_next);
            if (m_nonFiniteIndex < 0)
                if (const float* bad
                    = std::find_if(first, first + (end - begin), [](float x) { return !std::isfinite(x); });
                    bad != first + (end - begin)) {
                    m_nonFiniteIndex = begin + (bad - first);
                    m_nonFiniteValue = *bad;
                }
            const size_t size = m_out.size();
            m_out.resize(size + static_cast<size_t>(end - begin));
            std::transform(first, first + (end - begin), m_out.begin() + static_cast<std::ptrdiff_t>(size),
                [](float x) { return std::clamp(x, -1.0f, 1.0f); });
        }
    }
    m_next += produced;
}

} // namespace vox::audio::detail
