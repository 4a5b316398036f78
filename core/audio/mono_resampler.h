#pragma once
// Internal to core/audio: decoded frames -> mono float32 at one rate, kept within a window.
#include <cstdint>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
}

struct AVFrame;
struct SwrContext;

namespace vox::audio::detail {

// Feeds decoded frames (any sample format, layout or rate) through one libswresample context
// that averages all channels (an explicit matrix of 1/N, not FFmpeg's default downmix, which can
// leave [-1, 1]) and resamples to `outRate`, clamping the result to [-1, 1]. Output samples are numbered as in a decode
// of the whole stream; only those in [keepFrom, keepUntil) are appended to the output vector.
class MonoResampler {
public:
    // keepUntil < 0: no upper bound. maxKept: the memory guard (see overLimit()).
    MonoResampler(
        int outRate, std::int64_t keepFrom, std::int64_t keepUntil, std::int64_t maxKept, std::vector<float>& out);
    ~MonoResampler();
    MonoResampler(const MonoResampler&) = delete;
    MonoResampler& operator=(const MonoResampler&) = delete;

    // The output index of the first sample the next push() produces. A decode that starts
    // mid-stream sets it once, before the first push; it must be where a whole-stream decode
    // would be (an input index on the common grid of both rates).
    void setNextOutputIndex(std::int64_t index) { m_next = index; }

    // Converts `frame` from its input sample `skip` on. Returns 0 or a negative AVERROR code.
    // A change of rate, format or layout drains the old context into the output first.
    int push(const AVFrame* frame, int skip);
    // Drains what the resampler still holds (the end of the stream). Returns 0 or an AVERROR.
    int flush();

    bool done() const { return m_keepUntil >= 0 && m_next >= m_keepUntil; }
    bool overLimit() const { return m_overLimit; }
    // The first kept output sample that was not a finite number (an +-inf or NaN in a float
    // file; clamping would turn inf into full scale silently): its index from the start of the
    // file, at the output rate, and its value. index < 0: none.
    std::int64_t nonFiniteIndex() const { return m_nonFiniteIndex; }
    float nonFiniteValue() const { return m_nonFiniteValue; }
    std::int64_t nextOutputIndex() const { return m_next; }

private:
    int configure(const AVFrame* frame);
    int convert(const std::uint8_t** input, int count);
    void keep(int produced);
    void release();

    int m_outRate;
    std::int64_t m_keepFrom;
    std::int64_t m_keepUntil;
    std::int64_t m_maxKept;
    std::vector<float>& m_out;
    std::vector<float> m_chunk; // one swr_convert()'s output before trimming
    std::vector<const std::uint8_t*> m_planes;
    std::int64_t m_next = 0;
    bool m_overLimit = false;
    std::int64_t m_nonFiniteIndex = -1;
    float m_nonFiniteValue = 0;

    SwrContext* m_swr = nullptr;
    AVChannelLayout m_inLayout {};
    int m_inFormat = -1;
    int m_inRate = 0;
};

} // namespace vox::audio::detail
