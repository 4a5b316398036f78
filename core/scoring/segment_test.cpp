#include "core/scoring/segment_test.h"

#include <cmath>
#include <unordered_map>
#include <vector>

namespace vox::scoring {

namespace {

// One system's alignment as what sc_stats' segmentation reads: per reference word, whether it
// was right and its error (0 or 1); per gap before word g (g = n: after the last), insertions.
struct Marks {
    std::vector<char> right;
    std::vector<int64_t> wordErrors, insertions;
};

Marks marksOf(const UtteranceScore& u)
{
    const size_t n = u.ref.size();
    Marks m{std::vector<char>(n, 0), std::vector<int64_t>(n, 0), std::vector<int64_t>(n + 1, 0)};
    size_t next = 0; // the reference word after the current gap
    for (const AlignmentStep& s : u.alignment.steps) {
        if (s.op == EditOp::Insertion) {
            ++m.insertions[next];
            continue;
        }
        const auto word = static_cast<size_t>(s.ref);
        m.right[word] = s.op == EditOp::Correct;
        m.wordErrors[word] = s.op == EditOp::Correct ? 0 : 1;
        next = word + 1;
    }
    return m;
}

} // namespace

double normalTwoSidedP(double z)
{
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

std::unordered_map<std::string_view, const UtteranceScore*> scoredById(const CorpusScore& score)
{
    std::unordered_map<std::string_view, const UtteranceScore*> out;
    for (const auto& u : score.utterances)
        if (!u.hypothesisMissing)
            out.emplace(u.id, &u);
    return out;
}

Expected<SegmentTest> segmentTest(const CorpusScore& a, const CorpusScore& b, int boundaryWords)
{
    if (a.unit != b.unit)
        return makeError("cannot compare a word score with a character score");
    const auto inB = scoredById(b);
    SegmentTest out;
    out.boundaryWords = boundaryWords;
    std::vector<double> d;
    for (const auto& ua : a.utterances) {
        const auto it = inB.find(ua.id);
        if (ua.hypothesisMissing || it == inB.end())
            continue;
        const UtteranceScore& ub = *it->second;
        if (ua.ref.size() != ub.ref.size())
            return makeError("utterance " + ua.id + " has different references in the two scores (another normalizer?)");
        const bool hasPaths = !ua.alignment.steps.empty() || ua.ref.empty();
        if (!hasPaths || (ub.alignment.steps.empty() && !ub.ref.empty()))
            return makeError("the segment test needs the alignments (scored without them)");
        ++out.utterances;
        const Marks ma = marksOf(ua), mb = marksOf(ub);
        const size_t n = ua.ref.size();
        int64_t errorsA = 0, errorsB = 0, run = 0;
        bool open = false;
        auto close = [&] {
            if (open)
                d.push_back(double(errorsB - errorsA));
            errorsA = errorsB = 0;
            open = false;
        };
        auto error = [&](int64_t ea, int64_t eb) {
            if (run >= boundaryWords)
                close(); // the run of right words before this error separates it from the last
            run = 0;
            errorsA += ea;
            errorsB += eb;
            open = true;
        };
        for (size_t g = 0; g <= n; ++g) {
            if (ma.insertions[g] + mb.insertions[g] > 0)
                error(ma.insertions[g], mb.insertions[g]);
            if (g == n)
                break;
            if (ma.right[g] && mb.right[g])
                ++run;
            else
                error(ma.wordErrors[g], mb.wordErrors[g]);
        }
        close();
    }
    if (out.utterances == 0)
        return makeError("the two systems have no scored utterance id in common");
    out.segments = static_cast<int64_t>(d.size());
    if (d.empty())
        return out; // no errors anywhere: nothing differs
    double sum = 0;
    for (const double x : d)
        sum += x;
    out.mean = sum / double(d.size());
    double squares = 0;
    for (const double x : d)
        squares += (x - out.mean) * (x - out.mean);
    out.sd = d.size() > 1 ? std::sqrt(squares / double(d.size() - 1)) : 0.0;
    if (out.sd > 0) {
        out.z = out.mean / (out.sd / std::sqrt(double(d.size())));
        out.p = normalTwoSidedP(out.z);
    }
    return out;
}

} // namespace vox::scoring
