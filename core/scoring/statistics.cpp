#include "core/scoring/statistics.h"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <unordered_map>

namespace vox::scoring {

namespace {

// SplitMix64: tiny, fast, and specified exactly, so resamples are identical everywhere
// (std::uniform_int_distribution is not specified across standard libraries).
class Random {
public:
    explicit Random(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Modulo bias is below n / 2^64: irrelevant for any corpus size.
    size_t below(size_t n) { return size_t(next() % n); }

private:
    uint64_t m_state;
};

double percentile(std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double at = q * double(sorted.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(at));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - double(lo));
}

} // namespace

std::vector<EditCounts> utteranceCounts(const CorpusScore& score)
{
    std::vector<EditCounts> counts;
    counts.reserve(score.utterances.size());
    for (const auto& u : score.utterances)
        counts.push_back(u.counts());
    return counts;
}

std::optional<Interval> bootstrapErrorRate(const std::vector<EditCounts>& utterances, int resamples, uint64_t seed,
                                           double level)
{
    int64_t errors = 0;
    int64_t length = 0;
    for (const auto& c : utterances) {
        errors += c.errors();
        length += c.referenceLength();
    }
    if (length == 0)
        return std::nullopt;

    Interval interval;
    interval.estimate = double(errors) / double(length);
    interval.level = level;
    interval.resamples = resamples;
    interval.seed = seed;

    Random random(seed);
    std::vector<double> rates;
    rates.reserve(static_cast<size_t>(std::max(resamples, 0)));
    const size_t n = utterances.size();
    for (int r = 0; r < resamples; ++r) {
        int64_t e = 0;
        int64_t len = 0;
        for (size_t i = 0; i < n; ++i) {
            const EditCounts& c = utterances[random.below(n)];
            e += c.errors();
            len += c.referenceLength();
        }
        if (len > 0)
            rates.push_back(double(e) / double(len));
    }
    std::sort(rates.begin(), rates.end());
    interval.low = percentile(rates, (1 - level) / 2);
    interval.high = percentile(rates, 1 - (1 - level) / 2);
    return interval;
}

Expected<PairedComparison> compareSystems(const CorpusScore& a, const CorpusScore& b, int resamples, uint64_t seed,
                                          double level)
{
    if (a.unit != b.unit)
        return makeError("cannot compare a word score with a character score");

    const auto inB = scoredById(b);

    struct Pair {
        EditCounts a, b;
    };
    std::vector<Pair> pairs;
    PairedComparison result;
    for (const auto& u : a.utterances) {
        if (u.hypothesisMissing)
            continue;
        auto it = inB.find(u.id);
        if (it == inB.end())
            continue;
        pairs.push_back({u.counts(), it->second->counts()});
        const bool wrongA = u.counts().errors() > 0;
        const bool wrongB = it->second->counts().errors() > 0;
        if (!wrongA && wrongB)
            result.correctToWrong.push_back(u.id);
        if (wrongA && !wrongB)
            result.wrongToCorrect.push_back(u.id);
    }
    result.utterances = static_cast<int64_t>(pairs.size());
    if (pairs.empty())
        return makeError("the two systems have no scored utterance id in common");

    int64_t errA = 0, errB = 0, length = 0;
    for (const auto& p : pairs) {
        errA += p.a.errors();
        errB += p.b.errors();
        length += p.a.referenceLength();
    }
    if (length == 0)
        return makeError("every shared reference is empty: error rates are undefined");
    result.rateA = double(errA) / double(length);
    result.rateB = double(errB) / double(length);
    const double observed = result.rateB - result.rateA;

    // Paired bootstrap: the same resampled utterances for both systems.
    Random random(seed);
    std::vector<double> deltas;
    deltas.reserve(static_cast<size_t>(std::max(resamples, 0)));
    int64_t atOrBelowZero = 0, atOrAboveZero = 0;
    const size_t n = pairs.size();
    for (int r = 0; r < resamples; ++r) {
        int64_t ea = 0, eb = 0, len = 0;
        for (size_t i = 0; i < n; ++i) {
            const Pair& p = pairs[random.below(n)];
            ea += p.a.errors();
            eb += p.b.errors();
            len += p.a.referenceLength();
        }
        if (len == 0)
            continue;
        const double d = double(eb - ea) / double(len);
        deltas.push_back(d);
        atOrBelowZero += d <= 0 ? 1 : 0;
        atOrAboveZero += d >= 0 ? 1 : 0;
    }
    std::sort(deltas.begin(), deltas.end());
    result.delta = Interval{observed, percentile(deltas, (1 - level) / 2), percentile(deltas, 1 - (1 - level) / 2),
                            level, resamples, seed};
    if (!deltas.empty()) {
        const double side = double(observed >= 0 ? atOrBelowZero : atOrAboveZero) / double(deltas.size());
        result.bootstrapP = std::min(1.0, 2 * side);
    }

    // Matched pairs: d_i = errors_B - errors_A per utterance; Z = mean / (sd / sqrt(n)).
    double sum = 0, sumSq = 0;
    for (const auto& p : pairs) {
        const double d = double(p.b.errors() - p.a.errors());
        sum += d;
        sumSq += d * d;
    }
    const double mean = sum / double(n);
    const double variance = n > 1 ? (sumSq - double(n) * mean * mean) / double(n - 1) : 0.0;
    if (variance <= 0) {
        result.matchedPairsZ = 0;
        result.matchedPairsP = mean == 0 ? 1.0 : 0.0;
    } else {
        result.matchedPairsZ = mean / std::sqrt(variance / double(n));
        result.matchedPairsP = normalTwoSidedP(result.matchedPairsZ);
    }
    if (auto segments = segmentTest(a, b); segments)
        result.segments = *segments;
    return result;
}

namespace {

// Every segment differs by the same amount: sc_stats' Z is 0 (sd 0), but the difference is as
// consistent as it can be.
bool uniformSegments(const PairedComparison& c)
{
    return c.segments && c.segments->segments > 1 && c.segments->sd == 0 && c.segments->mean != 0;
}

double verdictP(const PairedComparison& c)
{
    if (uniformSegments(c))
        return 0;
    return c.segments ? c.segments->p : c.matchedPairsP;
}

} // namespace

Verdict verdictOf(const PairedComparison& c, double level)
{
    if (verdictP(c) >= 1 - level || c.rateB == c.rateA)
        return Verdict::NoSignificantDifference;
    return c.rateB > c.rateA ? Verdict::Worse : Verdict::Better;
}

std::string describeVerdict(const PairedComparison& c, double level)
{
    char p[32], pct[16];
    std::snprintf(p, sizeof p, "%.3g", verdictP(c));
    std::snprintf(pct, sizeof pct, "%g", level * 100);
    const std::string test = c.segments ? "matched-pairs sentence-segment test" : "matched-pairs test over utterances";
    const Verdict v = verdictOf(c, level);
    std::string out = v == Verdict::NoSignificantDifference
                          ? "no significant difference at " + std::string(pct) + " % (" + test + ", p = " + p + ")"
                          : std::string(v == Verdict::Worse ? "worse" : "better") + ", significant at " + pct + " % ("
                                + test + ", p = " + p + ")";
    if (uniformSegments(c)) {
        char same[128];
        std::snprintf(same, sizeof same, "; every one of the %lld segments has B - A = %g", (long long)c.segments->segments,
                      c.segments->mean);
        out += same;
    }
    const bool intervalExcludesZero = c.delta.low > 0 || c.delta.high < 0;
    if (c.delta.resamples > 0 && intervalExcludesZero != (v != Verdict::NoSignificantDifference))
        out += intervalExcludesZero ? "; the paired bootstrap interval excludes 0" : "; the paired bootstrap interval includes 0";
    return out;
}

} // namespace vox::scoring
