// core/whisper/vocab_projection.*, torch-free: the packed kernel gives, bit for bit, the sums it
// promises (fused multiply-add chains per K block, block sums added in order), for every row
// count and panel range, including a vocabulary that is not a multiple of the panel width; the
// candidate blockings follow OpenBLAS's rules; calibration finds the reference's blocking or
// gives up; a row count that the reference sums differently gets the reference's values; the
// screened argmax is the exact one, ties and blocked outputs included. (That the engine's logits
// equal torch.matmul, and its tokens the Python reference's, is checked with real packages in
// tst_whisper_*.)
#include "core/whisper/vocab_projection.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

using vox::whisper::VocabProjection;

namespace {

// What the kernel must compute, one output at a time.
float expected(const std::vector<float>& weight, const float* x, int64_t v, int64_t width, const std::vector<int64_t>& blocks)
{
    float total = 0.0f;
    int64_t k = 0;
    for (const int64_t length : blocks) {
        float sum = 0.0f;
        for (const int64_t end = k + length; k < end; ++k)
            sum = std::fma(weight[static_cast<size_t>(v * width + k)], x[k], sum);
        total = total + sum;
    }
    return total;
}

std::vector<float> randomValues(size_t n, unsigned seed, float scale)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, scale);
    std::vector<float> out(n);
    for (auto& v : out)
        v = normal(rng);
    return out;
}

bool sameBits(float a, float b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// A reference that sums with `blocks`, as expected() does.
VocabProjection::Reference referenceWith(const std::vector<float>& weight, int64_t vocab, int64_t width,
                                         std::vector<int64_t> blocks)
{
    return [&weight, vocab, width, blocks](const float* hidden, int64_t rows, float* out) {
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t v = 0; v < vocab; ++v)
                out[r * vocab + v] = expected(weight, hidden + r * width, v, width, blocks);
    };
}

} // namespace

class TestVocabProjection : public QObject {
    Q_OBJECT

private slots:
    void candidateBlockings()
    {
        const auto c384 = VocabProjection::candidateBlocks(384);
        QCOMPARE(c384.front(), std::vector<int64_t>{384});
        // OpenBLAS's Haswell sgemm at width 384 (Q = 320): halves.
        QVERIFY(std::find(c384.begin(), c384.end(), std::vector<int64_t>{192, 192}) != c384.end());
        const auto c768 = VocabProjection::candidateBlocks(768);
        QVERIFY(std::find(c768.begin(), c768.end(), std::vector<int64_t>{320, 224, 224}) != c768.end());
        for (const auto& blocks : c768)
            QCOMPARE(std::accumulate(blocks.begin(), blocks.end(), int64_t{0}), int64_t{768});
        QCOMPARE(VocabProjection::candidateBlocks(1).size(), size_t(1));
    }

    void blocksMustCoverTheWidth()
    {
        const std::vector<float> weight(32 * 8, 1.0f);
        VocabProjection p(weight.data(), 32, 8);
        QCOMPARE(p.blocks(), std::vector<int64_t>{8});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.setBlocks({4, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.setBlocks({8, 0}));
        p.setBlocks({3, 5});
        QCOMPARE(p.blocks(), (std::vector<int64_t>{3, 5}));
    }

    void exactSums_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("blocks");
        for (int rows : {1, 2, 3, 4, 5, 7, 9})
            QTest::addRow("%d rows, one block", rows) << rows << "96";
        QTest::newRow("3 rows, two blocks") << 3 << "40,56";
        QTest::newRow("1 row, three blocks") << 1 << "32,32,32";
        QTest::newRow("6 rows, uneven blocks") << 6 << "1,90,5";
    }

    void exactSums()
    {
        QFETCH(int, rows);
        QFETCH(QString, blocks);
        std::vector<int64_t> plan;
        for (const auto& part : blocks.split(','))
            plan.push_back(part.toLongLong());
        const int64_t vocab = 1001, width = 96; // 1001 = 62 full panels and 9 outputs
        const auto weight = randomValues(static_cast<size_t>(vocab * width), 7, 0.1f);
        const auto hidden = randomValues(static_cast<size_t>(rows * width), 11, 1.0f);
        VocabProjection p(weight.data(), vocab, width);
        p.setBlocks(plan);
        QCOMPARE(p.panels(), int64_t{63});
        if (!VocabProjection::cpuSupported()) {
            std::vector<float> out(static_cast<size_t>(rows * vocab));
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, p.run(hidden.data(), rows, out.data(), 0, p.panels()));
            return;
        }
        // All panels at once, and in three uneven ranges (as threads would split them).
        std::vector<float> whole(static_cast<size_t>(rows * vocab), NAN), split(whole.size(), NAN);
        p.run(hidden.data(), rows, whole.data(), 0, p.panels());
        p.run(hidden.data(), rows, split.data(), 0, 5);
        p.run(hidden.data(), rows, split.data(), 5, 30);
        p.run(hidden.data(), rows, split.data(), 30, p.panels());
        int wrong = 0;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t v = 0; v < vocab; ++v) {
                const float want = expected(weight, hidden.data() + r * width, v, width, plan);
                const size_t at = static_cast<size_t>(r * vocab + v);
                wrong += !sameBits(whole[at], want) || !sameBits(split[at], want);
            }
        QCOMPARE(wrong, 0);
    }

    void calibrationFindsTheReferencesBlocks()
    {
        if (!VocabProjection::cpuSupported()) {
            QVERIFY(!VocabProjection::calibrate(std::vector<float>(64, 1.0f).data(), 8, 8, {}));
            return;
        }
        const int64_t vocab = 300, width = 96;
        const auto weight = randomValues(static_cast<size_t>(vocab * width), 3, 0.1f);
        // Q = 32: three blocks of 32 (not the default single block).
        auto p = VocabProjection::calibrate(weight.data(), vocab, width, referenceWith(weight, vocab, width, {32, 32, 32}));
        QVERIFY(p);
        QCOMPARE(p->blocks(), (std::vector<int64_t>{32, 32, 32}));
        QCOMPARE(p->describeBlocks(), std::string("32+32+32"));
        QVERIFY(p->exactFor(1));
        // A reference that sums in no OpenBLAS way (pairwise, from the end): no projection.
        auto odd = [&](const float* hidden, int64_t rows, float* out) {
            for (int64_t r = 0; r < rows; ++r)
                for (int64_t v = 0; v < vocab; ++v) {
                    float sum = 0.0f;
                    for (int64_t k = width - 1; k >= 0; --k)
                        sum += weight[static_cast<size_t>(v * width + k)] * hidden[r * width + k];
                    out[r * vocab + v] = sum;
                }
        };
        QVERIFY(!VocabProjection::calibrate(weight.data(), vocab, width, odd));
        // Not finite: no projection.
        auto bad = weight;
        bad[17] = NAN;
        QVERIFY(!VocabProjection::calibrate(bad.data(), vocab, width, referenceWith(bad, vocab, width, {96})));
    }

    void rowCountsAreCheckedOnce()
    {
        const int64_t vocab = 200, width = 64;
        const auto weight = randomValues(static_cast<size_t>(vocab * width), 5, 0.1f);
        const auto exact = referenceWith(weight, vocab, width, {64});
        int calls = 0;
        // The reference sums 3 rows differently (as OpenBLAS does for some batch shapes).
        auto reference = [&](const float* hidden, int64_t rows, float* out) {
            ++calls;
            exact(hidden, rows, out);
            if (rows == 3)
                for (int64_t i = 0; i < rows * vocab; ++i)
                    out[i] = std::nextafter(out[i], INFINITY);
        };
        auto p = VocabProjection::calibrate(weight.data(), vocab, width, reference);
        QCOMPARE(bool(p), VocabProjection::cpuSupported()); // none without AVX2/FMA
        if (!p)
            return;
        const auto hidden = randomValues(static_cast<size_t>(3 * width), 9, 1.0f);
        std::vector<float> out(static_cast<size_t>(3 * vocab)), want(out.size());
        for (int64_t rows : {2, 3}) {
            for (int round = 0; round < 2; ++round) {
                calls = 0;
                p->logits(hidden.data(), rows, out.data());
                // First call: the reference (then compared); later: the kernel for 2 rows only.
                QCOMPARE(calls, round == 0 || rows == 3 ? 1 : 0);
                reference(hidden.data(), rows, want.data());
                QVERIFY(std::equal(out.begin(), out.begin() + rows * vocab, want.begin()));
            }
        }
        QVERIFY(p->exactFor(2));
        QVERIFY(!p->exactFor(3));
    }

    void screenedArgmaxIsExact()
    {
        const int64_t vocab = 3000, width = 128;
        auto weight = randomValues(static_cast<size_t>(vocab * width), 13, 0.1f);
        auto row = [&](int64_t v) { return weight.begin() + v * width; };
        // Exact ties: 2900 and 40 equal 7; near ties: 1500 differs from 7 in one weight's last bit.
        std::copy(row(7), row(8), row(2900));
        std::copy(row(7), row(8), row(40));
        std::copy(row(7), row(8), row(1500));
        weight[static_cast<size_t>(1500 * width + 3)] = std::nextafter(weight[static_cast<size_t>(7 * width + 3)], INFINITY);
        auto p = VocabProjection::calibrate(weight.data(), vocab, width, referenceWith(weight, vocab, width, {128}));
        QCOMPARE(bool(p), VocabProjection::cpuSupported()); // none without AVX2/FMA
        if (!p)
            return;
        std::vector<char> blocked(static_cast<size_t>(vocab), 0);
        std::vector<float> logits(static_cast<size_t>(vocab));
        auto exactArgmax = [&](const float* hidden) {
            p->logits(hidden, 1, logits.data());
            int64_t best = -1;
            for (int64_t v = 0; v < vocab; ++v)
                if (!blocked[static_cast<size_t>(v)] && (best < 0 || logits[static_cast<size_t>(v)] > logits[static_cast<size_t>(best)]))
                    best = v;
            return best;
        };
        int wrong = 0;
        for (unsigned trial = 0; trial < 200; ++trial) {
            auto hidden = randomValues(static_cast<size_t>(width), 100 + trial, 1.0f);
            if (trial % 4 == 0) // aimed at the tied rows: they are the maximum
                for (int64_t k = 0; k < width; ++k)
                    hidden[static_cast<size_t>(k)] = 10.0f * weight[static_cast<size_t>(7 * width + k)] + 0.01f * hidden[static_cast<size_t>(k)];
            std::fill(blocked.begin(), blocked.end(), 0);
            if (trial % 8 == 4)
                blocked[7] = blocked[40] = 1; // the first two of the tie are blocked
            const auto got = p->argmax(hidden.data(), blocked);
            wrong += !got || *got != exactArgmax(hidden.data());
            if (trial % 8 == 0) {
                QCOMPARE(*got, int64_t{7}); // the first of the exact ties
            }
        }
        QCOMPARE(wrong, 0);
        std::fill(blocked.begin(), blocked.end(), 1);
        QVERIFY(!p->argmax(randomValues(static_cast<size_t>(width), 1, 1.0f).data(), blocked));
        QVERIFY(!p->argmax(randomValues(static_cast<size_t>(width), 1, 1.0f).data(), {})); // wrong mask size
    }
};

QTEST_APPLESS_MAIN(TestVocabProjection)
#include "tst_vocab_projection.moc"
