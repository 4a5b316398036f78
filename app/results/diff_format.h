#pragma once
// Word-level alignments written out for people: coloured HTML for the Diff view (and the
// clipboard), and sclite-style aligned text (REF/HYP lines, errors upper-cased, *** for gaps).
#include "core/run/run_comparison.h"

#include <QString>
#include <QStringList>

namespace vox::app {

struct DiffLine {
    QString label;                  // "fp32", "int8 vs fp32"
    std::vector<run::DiffToken> diff;
    QString note;                   // "failed: ...", "2 substitutions, 1 deletion"
};

// Every run's hypothesis against the reference (`againstBaseline` false), or every run after
// the first against the first run's hypothesis.
QList<DiffLine> diffLines(const run::ComparisonRow& row, const std::vector<std::string>& variantNames,
                          bool againstBaseline);

// One block per line: tokens as inline spans that wrap; substitutions show the reference word
// struck through before the hypothesis word; a legend comes first.
QString diffHtml(const run::ComparisonRow& row, const QList<DiffLine>& lines);
// REF:/HYP: pairs per line, columns padded to the longer word.
QString diffText(const run::ComparisonRow& row, const QList<DiffLine>& lines);

} // namespace vox::app
