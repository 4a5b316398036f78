// writeDetailReport (report.h): the .dtl-like report of one system.
#include "core/scoring/metrics.h"
#include "core/scoring/report.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>

namespace vox::scoring {

namespace {

constexpr size_t kAll = std::numeric_limits<size_t>::max();

void figure(std::ostream& out, const char* name, int64_t count, int64_t of)
{
    char line[128];
    if (of < 0) // a count alone
        std::snprintf(line, sizeof line, "%-26s=             (%7lld)\n", name, static_cast<long long>(count));
    else if (of > 0)
        std::snprintf(line, sizeof line, "%-26s= %6.1f%%   (%7lld)\n", name, 100.0 * double(count) / double(of),
                      static_cast<long long>(count));
    else
        std::snprintf(line, sizeof line, "%-26s=   n/a     (%7lld)\n", name, static_cast<long long>(count));
    out << line;
}

void section(std::ostream& out, const char* title, const std::vector<CountedPair>& pairs, bool asPairs)
{
    int64_t total = 0;
    for (const auto& p : pairs)
        total += p.count;
    char head[160];
    std::snprintf(head, sizeof head, "\n%-32s Total                 (%lld)\n%-32s With >= 1 occurrences (%zu)\n\n", title,
                  static_cast<long long>(total), "", pairs.size());
    out << head;
    for (size_t i = 0; i < pairs.size(); ++i) {
        char line[64];
        std::snprintf(line, sizeof line, "%5zu: %5lld  ->  ", i + 1, static_cast<long long>(pairs[i].count));
        out << line;
        if (asPairs)
            out << pairs[i].ref << " ==> " << pairs[i].hyp << "\n";
        else
            out << (pairs[i].ref.empty() ? pairs[i].hyp : pairs[i].ref) << "\n";
    }
    out << "     -------\n";
    char sum[32];
    std::snprintf(sum, sizeof sum, "%12lld\n", static_cast<long long>(total));
    out << sum;
}

// The substitutions counted by one side's word, most frequent first (ties by text).
std::vector<CountedPair> bySide(const std::vector<CountedPair>& substitutions, bool reference)
{
    std::map<std::string, int64_t> counts;
    for (const auto& p : substitutions)
        counts[reference ? p.ref : p.hyp] += p.count;
    std::vector<CountedPair> out;
    for (const auto& [word, n] : counts)
        out.push_back({reference ? word : std::string(), reference ? std::string() : word, n});
    std::stable_sort(out.begin(), out.end(), [](const CountedPair& a, const CountedPair& b) { return a.count > b.count; });
    return out;
}

} // namespace

void writeDetailReport(std::ostream& out, const CorpusScore& score, const std::string& system)
{
    const GroupScore& t = score.total;
    const EditCounts& c = t.counts;
    const char* unit = score.unit == Unit::Word ? "WORD" : "CHARACTER";
    out << "DETAILED OVERALL REPORT FOR THE SYSTEM: " << system << "\n"
        << "(normalizer " << score.normalizerId << ", cost " << costModelName(score.cost) << ")\n\n"
        << "SENTENCE RECOGNITION PERFORMANCE\n\n";
    figure(out, " sentences", t.utterances, -1);
    figure(out, " with errors", t.utterancesWithErrors, t.utterances);
    out << "\n" << unit << " RECOGNITION PERFORMANCE\n\n";
    const int64_t n = c.referenceLength();
    figure(out, "Percent Total Error", c.errors(), n);
    figure(out, "Percent Correct", c.correct, n);
    out << "\n";
    figure(out, "Percent Substitution", c.substitutions, n);
    figure(out, "Percent Deletions", c.deletions, n);
    figure(out, "Percent Insertions", c.insertions, n);
    out << "\n";
    figure(out, "Ref. words", n, -1);
    figure(out, "Hyp. words", c.hypothesisLength(), -1);
    figure(out, "Aligned words", c.correct + c.substitutions + c.deletions + c.insertions, -1);

    const auto substitutions = topSubstitutions(score, kAll);
    section(out, "CONFUSION PAIRS", substitutions, true);
    section(out, "INSERTIONS", topInsertions(score, kAll), false);
    section(out, "DELETIONS", topDeletions(score, kAll), false);
    section(out, "SUBSTITUTIONS", bySide(substitutions, true), false);
    out << "* The substituted words are the reference words the system got wrong.\n";
    section(out, "FALSELY RECOGNIZED", bySide(substitutions, false), false);
    out << "* The falsely recognized words are the hypothesis words that replaced them.\n";
}

} // namespace vox::scoring
