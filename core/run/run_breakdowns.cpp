// The breakdowns (WER per speaker, manifest field value and duration bucket) and the
// hallucination signals of run_analysis.h.
#include "core/run/run_analysis.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace vox::run {

namespace {

constexpr const char* kMissing = "(none)";

// Lower edges of the duration buckets, in seconds.
constexpr double kDurationEdges[] = {0, 1, 2, 3, 5, 10, 20, 30};

std::string bucketName(size_t i)
{
    constexpr size_t last = std::size(kDurationEdges) - 1;
    char text[32];
    if (i == last)
        std::snprintf(text, sizeof text, ">= %g s", kDurationEdges[i]);
    else
        std::snprintf(text, sizeof text, "%g-%g s", kDurationEdges[i], kDurationEdges[i + 1]);
    return text;
}

size_t bucketOf(double seconds)
{
    size_t i = 0;
    while (i + 1 < std::size(kDurationEdges) && seconds >= kDurationEdges[i + 1])
        ++i;
    return i;
}

void addFigures(BreakdownRow& group, const RunComparison& comparison, const AnalysisOptions& options)
{
    for (size_t r : group.rows)
        group.audioSeconds += comparison.rows[r].audioSeconds;
    for (size_t k = 0; k < comparison.runs.size(); ++k) {
        std::vector<scoring::EditCounts> counts;
        for (size_t r : group.rows) {
            const auto& cell = comparison.rows[r].cells[k];
            if (cell.present && cell.error.empty())
                counts.push_back(cell.counts);
        }
        group.wer.push_back(scoring::bootstrapErrorRate(counts, options.resamples, options.seed, options.level));
    }
}

Breakdown byValue(const RunComparison& comparison, const std::string& field, const std::vector<std::string>& values,
                  const AnalysisOptions& options)
{
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t r = 0; r < values.size(); ++r)
        groups[values[r].empty() ? kMissing : values[r]].push_back(r);
    Breakdown out{field, {}};
    for (auto& [value, rows] : groups) {
        BreakdownRow group;
        group.value = value;
        group.rows = std::move(rows);
        addFigures(group, comparison, options);
        out.rows.push_back(std::move(group));
    }
    return out;
}

// A field is worth a breakdown when it splits the utterances into a few groups of two or more
// on average (a value per utterance is an id, not a group).
bool splits(const std::vector<std::string>& values, size_t maxValues)
{
    std::set<std::string> distinct(values.begin(), values.end());
    return distinct.size() >= 2 && distinct.size() <= maxValues && 2 * distinct.size() <= values.size();
}

// Speakers are the grouping people ask for first: shown unless every utterance has its own.
bool splitsSpeakers(const std::vector<std::string>& values)
{
    std::set<std::string> distinct(values.begin(), values.end());
    return distinct.size() >= 2 && distinct.size() < values.size();
}

std::vector<std::string> words(const std::vector<DiffToken>& diff, bool reference)
{
    std::vector<std::string> out;
    for (const auto& d : diff) {
        const std::string& w = reference ? d.ref : d.hyp;
        if (!w.empty())
            out.push_back(w);
    }
    return out;
}

// The longest stretch of `gram` repeated back to back in `text`, in repetitions.
int longestRepeat(const std::vector<std::string>& text, size_t at, size_t n)
{
    int times = 1;
    for (size_t next = at + n; next + n <= text.size(); next += n) {
        if (!std::equal(text.begin() + long(at), text.begin() + long(at + n), text.begin() + long(next)))
            break;
        ++times;
    }
    return times;
}

int mostRepeats(const std::vector<std::string>& text, const std::vector<std::string>& gram)
{
    int most = 0;
    for (size_t i = 0; i + gram.size() <= text.size(); ++i)
        if (std::equal(gram.begin(), gram.end(), text.begin() + long(i)))
            most = std::max(most, longestRepeat(text, i, gram.size()));
    return most;
}

std::optional<std::string> repeatedNgram(const std::vector<std::string>& hyp, const std::vector<std::string>& ref,
                                         const AnalysisOptions& options)
{
    for (size_t n = 1; n <= size_t(std::max(options.repeatMaxN, 1)); ++n)
        for (size_t i = 0; i + n <= hyp.size(); ++i) {
            const int times = longestRepeat(hyp, i, n);
            if (times < options.repeatTimes)
                continue;
            const std::vector<std::string> gram(hyp.begin() + long(i), hyp.begin() + long(i + n));
            if (mostRepeats(ref, gram) >= times)
                continue; // the speaker said it so
            std::string text;
            for (const auto& w : gram)
                text += (text.empty() ? "" : " ") + w;
            return "\"" + text + "\" x" + std::to_string(times);
        }
    return std::nullopt;
}

} // namespace

std::vector<Breakdown> breakdownsOf(const RunComparison& comparison, const AnalysisOptions& options)
{
    std::vector<Breakdown> out;
    const size_t n = comparison.rows.size();
    std::vector<std::string> speakers(n);
    std::set<std::string> keys;
    for (size_t r = 0; r < n; ++r) {
        speakers[r] = comparison.rows[r].speaker;
        for (const auto& [key, value] : comparison.rows[r].fields)
            keys.insert(key);
    }
    if (splitsSpeakers(speakers))
        out.push_back(byValue(comparison, "speaker", speakers, options));
    for (const auto& key : keys) {
        if (key == "speaker")
            continue;
        std::vector<std::string> values(n);
        for (size_t r = 0; r < n; ++r)
            for (const auto& [k, v] : comparison.rows[r].fields)
                if (k == key)
                    values[r] = v;
        if (splits(values, options.maxFieldValues))
            out.push_back(byValue(comparison, key, values, options));
    }
    Breakdown duration{"duration", {}};
    std::map<size_t, std::vector<size_t>> buckets;
    for (size_t r = 0; r < n; ++r)
        buckets[bucketOf(comparison.rows[r].audioSeconds)].push_back(r);
    for (auto& [bucket, rows] : buckets) {
        BreakdownRow group;
        group.value = bucketName(bucket);
        group.order = kDurationEdges[bucket];
        group.rows = std::move(rows);
        addFigures(group, comparison, options);
        duration.rows.push_back(std::move(group));
    }
    if (!duration.rows.empty())
        out.push_back(std::move(duration));
    return out;
}

std::vector<HallucinationSignal> hallucinationsOf(const RunComparison& comparison, const AnalysisOptions& options)
{
    std::vector<HallucinationSignal> out;
    for (size_t r = 0; r < comparison.rows.size(); ++r) {
        const auto& row = comparison.rows[r];
        for (size_t k = 0; k < row.cells.size(); ++k) {
            const auto& cell = row.cells[k];
            if (!cell.present || !cell.error.empty())
                continue;
            const auto hyp = words(cell.diff, false), ref = words(cell.diff, true);
            if (hyp.empty())
                continue;
            const double nh = double(hyp.size()), nr = double(ref.size());
            if (!ref.empty() && nh >= options.longerRatio * nr && nh - nr >= options.longerByWords)
                out.push_back({r, k, HallucinationKind::MuchLonger,
                               std::to_string(hyp.size()) + " words for " + std::to_string(ref.size())});
            if (auto repeated = repeatedNgram(hyp, ref, options))
                out.push_back({r, k, HallucinationKind::RepeatedNgram, *repeated});
            if (ref.empty() || cell.noSpeech) {
                char detail[96];
                if (ref.empty())
                    std::snprintf(detail, sizeof detail, "%zu words where the reference is empty", hyp.size());
                else
                    std::snprintf(detail, sizeof detail, "%zu words; no-speech probability %.2f", hyp.size(),
                                  cell.noSpeechProbability.value_or(0.0));
                out.push_back({r, k, HallucinationKind::TextOnNoSpeech, detail});
            }
        }
    }
    return out;
}

} // namespace vox::run
