#pragma once
// The decoder's final vocabulary projection, logits = hidden . weight^T (weight [vocab, width],
// the token embedding), computed by the engine over copies of the weight packed once at load.
// Torch-free.
//
// Why: the package's `step` ends with torch.matmul(x, weight.t()), which OpenBLAS's sgemm runs
// by copying ("packing") the whole weight, about 80 MB for whisper-tiny, at every decoder step;
// that copy was a third of the engine's time. Packing once and streaming the packed copy reads
// the weight once per step instead of three times.
//
// The same values, bit for bit, or not used: each output is summed the way OpenBLAS's sgemm
// kernel sums it, a chain of fused multiply-adds over k from zero within each K block, the block
// sums added in order. The blocks follow from OpenBLAS's blocking parameters, which this code
// does not know: calibrate() tries candidateBlocks() against the package's own product (the
// `Reference`), and every batch size is checked against it once more on first use, the
// reference's values being returned then and wherever the two differ.
//
// Greedy decoding needs only the argmax: argmax() first computes every logit from an int8 copy
// (a quarter of the bytes; one scale per row), with a proven bound on its distance to the exact
// value, and computes exactly only the outputs that can still be the maximum.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace vox::whisper {

class VocabProjection {
public:
    static constexpr int64_t kPanel = 16; // outputs per packed panel

    // out (rows x vocab) = what the package computes for hidden (rows x width), row-major.
    using Reference = std::function<void(const float* hidden, int64_t rows, float* out)>;

    // True when this CPU runs the packed kernels (x86-64 with AVX2 and FMA).
    static bool cpuSupported();

    // The K blockings OpenBLAS's level-3 drivers can produce for `width`, most likely first: one
    // block, then for every block size 8 <= Q < width the single-threaded rule (a rest between Q
    // and 2Q split in halves rounded up to an unroll of 2..64) and the threaded rule (halves
    // rounded up by one). Distinct lists only; each sums to `width`.
    static std::vector<std::vector<int64_t>> candidateBlocks(int64_t width);

    // Packs `weight` and finds the blocking whose sums equal `reference` on probe rows; null when
    // the CPU lacks AVX2/FMA, the weight is not finite or no blocking matches. `weight` is only
    // read here; `reference` is kept.
    static std::unique_ptr<VocabProjection> calibrate(const float* weight, int64_t vocab, int64_t width,
                                                      Reference reference);

    // Packs `weight` ([vocab, width], row-major): panel p holds outputs p*16 .. p*16+15, k-major
    // (16 values per k), zero-padded at the end; the same layout in int8 for argmax().
    VocabProjection(const float* weight, int64_t vocab, int64_t width);

    int64_t vocab() const { return m_vocab; }
    int64_t width() const { return m_width; }
    int64_t panels() const { return (m_vocab + kPanel - 1) / kPanel; }

    // The K blocks whose sums are added in order (default: one block of `width`).
    void setBlocks(std::vector<int64_t> blocks);
    const std::vector<int64_t>& blocks() const { return m_blocks; }
    std::string describeBlocks() const; // "192+192"

    // The packed kernel: out[r * vocab + v] for rows r < rows and outputs v of panels
    // [firstPanel, lastPanel); hidden is rows x width, row-major. Threads may run disjoint panel
    // ranges at once.
    void run(const float* hidden, int64_t rows, float* out, int64_t firstPanel, int64_t lastPanel) const;
    // One output of the packed kernel, computed alone (the same value as run()'s).
    float exactAt(const float* hidden, int64_t v) const;

    // Logits as the reference computes them (needs a reference: calibrate()); thread-safe. The packed kernel
    // where this row count has matched the reference; the reference the first time (after which
    // the two are compared) and wherever they differ.
    void logits(const float* hidden, int64_t rows, float* out);
    // True when `rows` has been compared and matched.
    bool exactFor(int64_t rows) const;

    // For one row: the first index of the largest logit among outputs v with !blocked[v] (what
    // torch.argmax gives for the logits with the blocked ones set to -inf), or none when it cannot
    // be decided this way (one row not calibrated, non-finite values, everything blocked).
    std::optional<int64_t> argmax(const float* hidden, const std::vector<char>& blocked) const;

private:
    struct Free {
        void operator()(void* p) const;
    };
    std::unique_ptr<float[], Free> m_packed;
    std::unique_ptr<int8_t[], Free> m_packedInt8;
    std::vector<float> m_rowNorms;  // ||weight[v]||_2, rounded up
    std::vector<float> m_rowScales; // the int8 copy's scale per row: max |weight[v]| / 127
    std::vector<float> m_rowErrors; // max_k |weight[v][k] - scale q|, rounded up
    int64_t m_vocab = 0;
    int64_t m_width = 0;
    std::vector<int64_t> m_blocks;
    Reference m_reference;
    // Engines shared across threads (Engine::share) use one projection: the row counts checked
    // so far are guarded; the packed weights are only read.
    mutable std::mutex m_exactMutex;
    std::map<int64_t, bool> m_exactFor;
};

} // namespace vox::whisper
