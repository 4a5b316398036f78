#pragma once
#include "core/scoring/corpus_scorer.h"
#include "core/scoring/confusion_changes.h"
#include "core/scoring/statistics.h"

#include <optional>
#include <ostream>

// Score reports for people (table), programs (JSON, CSV) and sclite users (pralign: REF/HYP/Eval
// lines per utterance, errors in upper case, '*' for the missing side).
namespace vox::scoring {

struct ReportOptions {
    int bootstrapResamples = 1000; // 0: no confidence interval
    uint64_t seed = 1;
    size_t top = 10;               // confusion pairs, insertions, deletions listed
};

void writeTable(std::ostream& out, const CorpusScore& score, const ReportOptions& options);
void writeJson(std::ostream& out, const CorpusScore& score, const ReportOptions& options);
void writeCsv(std::ostream& out, const CorpusScore& score);
void writePralign(std::ostream& out, const CorpusScore& score);
// In the spirit of sclite's .dtl report: sentence and word figures, then every confusion pair,
// insertion, deletion, substituted reference word and falsely recognized hypothesis word with
// its count, most frequent first. `system` names the hypotheses in the title.
void writeDetailReport(std::ostream& out, const CorpusScore& score, const std::string& system);

// The compared system's most frequent errors with the baseline's counts (confusion_changes.h).
void writeConfusionChanges(std::ostream& out, const std::vector<ConfusionChange>& changes, const std::string& nameA,
                           const std::string& nameB);
void writeComparisonTable(std::ostream& out, const PairedComparison& comparison, const std::string& nameA,
                          const std::string& nameB);

const char* costModelName(CostModel model); // "sclite", "unit"

} // namespace vox::scoring
