#include "core/whisper/vocab_projection.h"

#include "core/log/log.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <random>
#include <set>
#include <stdexcept>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define VOXBENCH_PROJECTION_X86 1
#include <immintrin.h>
#endif

namespace vox::whisper {

namespace {

constexpr std::align_val_t kAlign{64};

#ifdef VOXBENCH_PROJECTION_X86
// R rows (1..4) against P consecutive packed panels of 16 outputs each (P * R <= 4, so the
// accumulators stay in registers: several independent chains hide the FMA latency). `out` gets
// P x R x 16 values. Per output and block: a chain of fused multiply-adds over k from zero, in
// order; the block sums are added in order to a total that starts at zero (sgemm's beta = 0,
// then C += block).
template <int R, int P>
__attribute__((target("avx2,fma"))) void panelRows(const float* panels, const std::vector<int64_t>& blocks,
                                                   const float* hidden, int64_t width, float* out)
{
    constexpr int64_t kPanel = VocabProjection::kPanel;
    const int64_t panelSize = width * kPanel;
    for (int i = 0; i < P * R * 2; ++i)
        _mm256_storeu_ps(out + i * 8, _mm256_setzero_ps());
    int64_t k = 0;
    for (const int64_t length : blocks) {
        __m256 sum[P][R][2];
        for (int p = 0; p < P; ++p)
            for (int r = 0; r < R; ++r)
                sum[p][r][0] = sum[p][r][1] = _mm256_setzero_ps();
        for (const int64_t end = k + length; k < end; ++k) {
            __m256 x[R];
            for (int r = 0; r < R; ++r)
                x[r] = _mm256_broadcast_ss(hidden + r * width + k);
            for (int p = 0; p < P; ++p) {
                const float* w = panels + p * panelSize + k * kPanel;
                const __m256 w0 = _mm256_load_ps(w);
                const __m256 w1 = _mm256_load_ps(w + 8);
                for (int r = 0; r < R; ++r) {
                    sum[p][r][0] = _mm256_fmadd_ps(w0, x[r], sum[p][r][0]);
                    sum[p][r][1] = _mm256_fmadd_ps(w1, x[r], sum[p][r][1]);
                }
            }
        }
        for (int p = 0; p < P; ++p)
            for (int r = 0; r < R; ++r)
                for (int h = 0; h < 2; ++h) {
                    float* o = out + ((p * R + r) * 2 + h) * 8;
                    _mm256_storeu_ps(o, _mm256_add_ps(_mm256_loadu_ps(o), sum[p][r][h]));
                }
    }
}

// P panels (1 or 4) of bfloat16 weights against one row: `out` gets P x 16 sums, one chain of
// fused multiply-adds per output over all k (the weights widen to float32 exactly).
// argmax()'s first pass: for P panels, the sums over k of the int8 copy's values times
// hidden[k], in float (the int8 values are exact as floats). Unscaled: row v's sum times its
// scale approximates its logit.
template <int P>
__attribute__((target("avx2,fma"))) void approxPanels(const int8_t* panels, int64_t width, const float* hidden, float* out)
{
    constexpr int64_t kPanel = VocabProjection::kPanel;
    const int64_t panelSize = width * kPanel;
    __m256 sum[P][2];
    for (int p = 0; p < P; ++p)
        sum[p][0] = sum[p][1] = _mm256_setzero_ps();
    for (int64_t k = 0; k < width; ++k) {
        const __m256 x = _mm256_broadcast_ss(hidden + k);
        for (int p = 0; p < P; ++p) {
            const int8_t* w = panels + p * panelSize + k * kPanel;
            const __m256 w0 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(w))));
            const __m256 w1 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(w + 8))));
            sum[p][0] = _mm256_fmadd_ps(w0, x, sum[p][0]);
            sum[p][1] = _mm256_fmadd_ps(w1, x, sum[p][1]);
        }
    }
    for (int p = 0; p < P; ++p) {
        _mm256_storeu_ps(out + p * kPanel, sum[p][0]);
        _mm256_storeu_ps(out + p * kPanel + 8, sum[p][1]);
    }
}

// The same with AVX-512: a panel's 16 outputs are one register. The same int8 values, so the
// bound, which holds for any summation order, holds. (GCC 12 warns inside its own AVX-512
// conversion intrinsics, GCC bug 105593.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
template <int P>
__attribute__((target("avx512f"))) void approxPanels512(const int8_t* panels, int64_t width, const float* hidden,
                                                        float* out)
{
    constexpr int64_t kPanel = VocabProjection::kPanel;
    const int64_t panelSize = width * kPanel;
    __m512 sum[P];
    for (int p = 0; p < P; ++p)
        sum[p] = _mm512_setzero_ps();
    for (int64_t k = 0; k < width; ++k) {
        const __m512 x = _mm512_set1_ps(hidden[k]);
        for (int p = 0; p < P; ++p) {
            const int8_t* w = panels + p * panelSize + k * kPanel;
            const __m512 wf = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(w))));
            sum[p] = _mm512_fmadd_ps(wf, x, sum[p]);
        }
    }
    for (int p = 0; p < P; ++p)
        _mm512_storeu_ps(out + p * kPanel, sum[p]);
}
#pragma GCC diagnostic pop

bool hasAvx512()
{
    static const bool has = __builtin_cpu_supports("avx512f");
    return has;
}

// One output as panelRows computes it (std::fma inlines to the same instruction here).
__attribute__((target("avx2,fma"))) float exactOne(const float* panel, int64_t lane, const std::vector<int64_t>& blocks,
                                                   const float* hidden)
{
    float total = 0.0f;
    int64_t k = 0;
    for (const int64_t length : blocks) {
        float sum = 0.0f;
        for (const int64_t end = k + length; k < end; ++k)
            sum = std::fma(panel[k * VocabProjection::kPanel + lane], hidden[k], sum);
        total = total + sum;
    }
    return total;
}
#endif

template <typename T>
T* alignedArray(int64_t count)
{
    return static_cast<T*>(::operator new[](static_cast<size_t>(count) * sizeof(T), kAlign));
}

} // namespace

void VocabProjection::Free::operator()(void* p) const
{
    ::operator delete[](p, kAlign);
}

bool VocabProjection::cpuSupported()
{
#ifdef VOXBENCH_PROJECTION_X86
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

std::vector<std::vector<int64_t>> VocabProjection::candidateBlocks(int64_t width)
{
    std::vector<std::vector<int64_t>> out;
    std::set<std::vector<int64_t>> seen;
    auto add = [&](std::vector<int64_t> blocks) {
        if (seen.insert(blocks).second)
            out.push_back(std::move(blocks));
    };
    // One of OpenBLAS's K loops: blocks of q while at least 2q are left, a rest between q and 2q
    // cut in two by `half`, a rest up to q taken whole.
    auto blocking = [width](int64_t q, auto half) {
        std::vector<int64_t> blocks;
        for (int64_t left = width; left > 0;) {
            int64_t length = left;
            if (left >= 2 * q)
                length = q;
            else if (left > q)
                length = std::min(left, half(left));
            blocks.push_back(length);
            left -= length;
        }
        return blocks;
    };
    add({width});
    for (int64_t q = width - 1; q >= std::min<int64_t>(width, 8); --q) {
        for (const int64_t unroll : {2, 4, 8, 16, 24, 32, 48, 64})
            add(blocking(q, [unroll](int64_t left) { return (left / 2 + unroll - 1) / unroll * unroll; }));
        add(blocking(q, [](int64_t left) { return (left + 1) / 2; }));
    }
    return out;
}

VocabProjection::VocabProjection(const float* weight, int64_t vocab, int64_t width)
    : m_vocab(vocab), m_width(width), m_blocks{width}
{
    if (vocab <= 0 || width <= 0)
        throw std::invalid_argument("VocabProjection: empty weight");
    const int64_t size = panels() * width * kPanel;
    m_packed.reset(alignedArray<float>(size));
    m_packedInt8.reset(alignedArray<int8_t>(size));
    m_rowNorms.resize(static_cast<size_t>(vocab));
    m_rowScales.assign(static_cast<size_t>(vocab), 0.0f);
    m_rowErrors.assign(static_cast<size_t>(vocab), 0.0f);
    constexpr float up = std::numeric_limits<float>::infinity();
    for (int64_t v = 0; v < vocab; ++v) {
        const float* row = weight + v * width;
        double squares = 0, largest = 0;
        for (int64_t k = 0; k < width; ++k) {
            squares += double(row[k]) * double(row[k]);
            largest = std::max(largest, std::abs(double(row[k])));
        }
        m_rowNorms[static_cast<size_t>(v)] = std::nextafter(float(std::sqrt(squares)), up);
        // Symmetric per row: q = round(w / scale), |q| <= 127; the largest |w - scale q|, measured.
        const float scale = float(largest / 127.0);
        m_rowScales[static_cast<size_t>(v)] = scale;
        double error = 0;
        for (int64_t k = 0; k < width; ++k) {
            const double q = scale > 0 ? std::clamp(std::nearbyint(double(row[k]) / double(scale)), -127.0, 127.0) : 0.0;
            error = std::max(error, std::abs(double(row[k]) - double(scale) * q));
        }
        m_rowErrors[static_cast<size_t>(v)] = std::nextafter(float(error), up);
    }
    for (int64_t p = 0; p < panels(); ++p) {
        float* panel = m_packed.get() + p * width * kPanel;
        int8_t* small = m_packedInt8.get() + p * width * kPanel;
        for (int64_t j = 0; j < kPanel; ++j) {
            const int64_t v = p * kPanel + j;
            const float scale = v < vocab ? m_rowScales[static_cast<size_t>(v)] : 0.0f;
            for (int64_t k = 0; k < width; ++k) {
                const float w = v < vocab ? weight[v * width + k] : 0.0f;
                panel[k * kPanel + j] = w;
                small[k * kPanel + j] =
                    scale > 0 ? int8_t(std::clamp(std::nearbyint(double(w) / double(scale)), -127.0, 127.0)) : int8_t(0);
            }
        }
    }
}

std::unique_ptr<VocabProjection> VocabProjection::calibrate(const float* weight, int64_t vocab, int64_t width,
                                                            Reference reference)
{
    if (!cpuSupported() || !std::all_of(weight, weight + vocab * width, [](float w) { return std::isfinite(w); }))
        return nullptr;
    auto projection = std::make_unique<VocabProjection>(weight, vocab, width);
    // Two probe rows at a LayerNorm output's scale, and what the reference makes of them.
    std::mt19937 rng(20240611);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<std::vector<float>> probes(2, std::vector<float>(static_cast<size_t>(width)));
    std::vector<std::vector<float>> wants(2, std::vector<float>(static_cast<size_t>(vocab)));
    for (size_t i = 0; i < probes.size(); ++i) {
        std::generate(probes[i].begin(), probes[i].end(), [&] { return normal(rng); });
        reference(probes[i].data(), 1, wants[i].data());
    }
    // A few panels tell most blockings apart; the whole vocabulary decides.
    const int64_t few = std::min<int64_t>(4, projection->panels());
    const auto fewOutputs = static_cast<std::ptrdiff_t>(std::min(few * kPanel, vocab));
    std::vector<float> got(static_cast<size_t>(vocab));
    for (auto& blocks : candidateBlocks(width)) {
        projection->setBlocks(std::move(blocks));
        bool match = true;
        for (size_t i = 0; i < probes.size() && match; ++i) {
            projection->run(probes[i].data(), 1, got.data(), 0, few);
            match = std::equal(got.begin(), got.begin() + fewOutputs, wants[i].begin());
        }
        for (size_t i = 0; i < probes.size() && match; ++i) {
            projection->run(probes[i].data(), 1, got.data(), 0, projection->panels());
            match = got == wants[i];
        }
        if (match) {
            projection->m_reference = std::move(reference);
            projection->m_exactFor[1] = true;
            return projection;
        }
    }
    return nullptr;
}

void VocabProjection::setBlocks(std::vector<int64_t> blocks)
{
    int64_t sum = 0;
    for (const int64_t b : blocks) {
        if (b <= 0)
            throw std::invalid_argument("VocabProjection: a K block must not be empty");
        sum += b;
    }
    if (sum != m_width)
        throw std::invalid_argument("VocabProjection: the K blocks do not add up to the width");
    m_blocks = std::move(blocks);
}

std::string VocabProjection::describeBlocks() const
{
    std::string text;
    for (const int64_t b : m_blocks)
        text += (text.empty() ? "" : "+") + std::to_string(b);
    return text;
}

void VocabProjection::run(const float* hidden, int64_t rows, float* out, int64_t firstPanel, int64_t lastPanel) const
{
#ifdef VOXBENCH_PROJECTION_X86
    if (!cpuSupported())
        throw std::runtime_error("VocabProjection: this CPU has no AVX2/FMA");
    alignas(32) float sums[4 * kPanel];
    // Panels q .. q+n-1 for rows r0 .. r0+r-1, then copied out (the last panel may be short).
    auto tile = [&](int64_t q, int64_t n, int64_t r0, int64_t r) {
        const float* packed = m_packed.get() + q * m_width * kPanel;
        const float* x = hidden + r0 * m_width;
        switch (n * 10 + r) {
        case 41: panelRows<1, 4>(packed, m_blocks, x, m_width, sums); break;
        case 21: panelRows<1, 2>(packed, m_blocks, x, m_width, sums); break;
        case 22: panelRows<2, 2>(packed, m_blocks, x, m_width, sums); break;
        case 11: panelRows<1, 1>(packed, m_blocks, x, m_width, sums); break;
        case 12: panelRows<2, 1>(packed, m_blocks, x, m_width, sums); break;
        case 13: panelRows<3, 1>(packed, m_blocks, x, m_width, sums); break;
        default: panelRows<4, 1>(packed, m_blocks, x, m_width, sums); break;
        }
        for (int64_t i = 0; i < n; ++i) {
            const int64_t first = (q + i) * kPanel;
            const int64_t count = std::min(kPanel, m_vocab - first);
            for (int64_t j = 0; j < r; ++j)
                std::copy_n(sums + (i * r + j) * kPanel, count, out + (r0 + j) * m_vocab + first);
        }
    };
    // Four panels at a time (96 KB at width 384: in cache for every set of rows). One row takes
    // the four panels in one pass (four independent FMA chains per output lane hide the FMA
    // latency), two rows two at a time, more rows one at a time.
    for (int64_t p = firstPanel; p < lastPanel; p += 4) {
        const int64_t end = std::min(p + 4, lastPanel);
        for (int64_t r0 = 0; r0 < rows; r0 += 4) {
            const int64_t r = std::min<int64_t>(4, rows - r0);
            const int64_t perTile = r == 1 ? 4 : r == 2 ? 2 : 1;
            int64_t q = p;
            for (; q + perTile <= end; q += perTile)
                tile(q, perTile, r0, r);
            for (; q < end; ++q)
                tile(q, 1, r0, r);
        }
    }
#else
    (void)hidden, (void)rows, (void)out, (void)firstPanel, (void)lastPanel;
    throw std::runtime_error("VocabProjection: not built for this CPU");
#endif
}

float VocabProjection::exactAt(const float* hidden, int64_t v) const
{
#ifdef VOXBENCH_PROJECTION_X86
    return exactOne(m_packed.get() + (v / kPanel) * m_width * kPanel, v % kPanel, m_blocks, hidden);
#else
    (void)hidden, (void)v;
    throw std::runtime_error("VocabProjection: not built for this CPU");
#endif
}

void VocabProjection::logits(const float* hidden, int64_t rows, float* out)
{
    std::optional<bool> known;
    {
        const std::lock_guard lock(m_exactMutex);
        if (const auto it = m_exactFor.find(rows); it != m_exactFor.end())
            known = it->second;
    }
    if (known && *known) {
        run(hidden, rows, out, 0, panels());
        return;
    }
    if (!m_reference)
        throw std::logic_error("VocabProjection::logits without a reference");
    m_reference(hidden, rows, out);
    if (known)
        return;
    std::vector<float> mine(static_cast<size_t>(rows * m_vocab));
    run(hidden, rows, mine.data(), 0, panels());
    const bool same = std::equal(mine.begin(), mine.end(), out);
    {
        const std::lock_guard lock(m_exactMutex);
        if (!m_exactFor.emplace(rows, same).second)
            return; // another thread compared this row count meanwhile (and logged it)
    }
    if (!same)
        log::get("torch")->info("vocabulary projection ({} x {}): the packed product differs from the package's for {} "
                                "rows; using the package's for them",
                                m_vocab, m_width, rows);
}

bool VocabProjection::exactFor(int64_t rows) const
{
    const std::lock_guard lock(m_exactMutex);
    const auto known = m_exactFor.find(rows);
    return known != m_exactFor.end() && known->second;
}

std::optional<int64_t> VocabProjection::argmax(const float* hidden, const std::vector<char>& blocked) const
{
#ifdef VOXBENCH_PROJECTION_X86
    if (!exactFor(1) || static_cast<int64_t>(blocked.size()) != m_vocab)
        return std::nullopt;
    double squares = 0, absolute = 0;
    for (int64_t k = 0; k < m_width; ++k) {
        if (!std::isfinite(hidden[k]))
            return std::nullopt;
        squares += double(hidden[k]) * double(hidden[k]);
        absolute += std::abs(double(hidden[k]));
    }
    // Row v's approximate logit is a = scale_v * fl(sum_k q_vk x_k). With e_v the row's largest
    // |w_vk - scale_v q_vk| and g = K u / (1 - K u), u = 2^-24, for float32 sums of K products
    // in any order, fused or not:
    //   |a - exact| <= e_v ||x||_1 + g ||w_v||_2 ||x||_2            (the exact logit's sum)
    //               + g scale_v ||q_v||_2 ||x||_2,  scale_v ||q_v||_2 <= ||w_v||_2 + sqrt(K) e_v,
    // so bound_v = e_v ||x||_1 + g (2 ||w_v||_2 + sqrt(K) e_v) ||x||_2, with 0.1% to spare (the
    // double products and sums here are far finer) and an absolute term for values near underflow.
    const double unit = std::ldexp(1.0, -24);
    const double g = double(m_width) * unit / (1.0 - double(m_width) * unit);
    const double norm2 = std::sqrt(squares);
    const double rootK = std::sqrt(double(m_width));
    const double floor = 1e-30 * double(m_width);
    // Per thread, reused: no allocation per decoder step (engines shared over threads share
    // this projection).
    thread_local std::vector<float> sums;
    sums.resize(static_cast<size_t>(panels() * kPanel));
    int64_t p = 0;
    if (hasAvx512()) {
        for (; p + 4 <= panels(); p += 4)
            approxPanels512<4>(m_packedInt8.get() + p * m_width * kPanel, m_width, hidden, sums.data() + p * kPanel);
        for (; p < panels(); ++p)
            approxPanels512<1>(m_packedInt8.get() + p * m_width * kPanel, m_width, hidden, sums.data() + p * kPanel);
    }
    for (; p + 4 <= panels(); p += 4)
        approxPanels<4>(m_packedInt8.get() + p * m_width * kPanel, m_width, hidden, sums.data() + p * kPanel);
    for (; p < panels(); ++p)
        approxPanels<1>(m_packedInt8.get() + p * m_width * kPanel, m_width, hidden, sums.data() + p * kPanel);
    // Each output's interval (computed again where needed rather than stored), the largest
    // value the maximum is sure to reach, then the outputs that may reach it.
    auto interval = [&](size_t i, double sign) {
        const double e = m_rowErrors[i];
        const double bound = (e * absolute + g * (2.0 * m_rowNorms[i] + rootK * e) * norm2) * 1.001 + floor;
        return double(m_rowScales[i]) * double(sums[i]) + sign * bound;
    };
    double sure = -std::numeric_limits<double>::infinity();
    for (int64_t v = 0; v < m_vocab; ++v)
        if (!blocked[static_cast<size_t>(v)])
            sure = std::max(sure, interval(static_cast<size_t>(v), -1.0));
    if (!std::isfinite(sure))
        return std::nullopt;
    int64_t best = -1;
    float bestValue = 0;
    for (int64_t v = 0; v < m_vocab; ++v) {
        if (blocked[static_cast<size_t>(v)] || interval(static_cast<size_t>(v), 1.0) < sure)
            continue;
        const float value = exactAt(hidden, v);
        if (best < 0 || value > bestValue) {
            best = v;
            bestValue = value;
        }
    }
    if (best < 0 || !std::isfinite(bestValue))
        return std::nullopt;
    return best;
#else
    (void)hidden, (void)blocked;
    return std::nullopt;
#endif
}

} // namespace vox::whisper
