#pragma once
// Runs side by side (core's run::compareRuns), read off the UI thread, with each run's corpus
// figures under all three normalizers so the Results page can show them next to each other,
// and the error analysis of the runs against the first (run::analyzeRuns).
#include "core/run/run_analysis.h"
#include "core/run/run_comparison.h"
#include "core/util/expected.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <atomic>
#include <memory>
#include <optional>

namespace vox::app {

struct Comparison {
    QString normalizer; // the chosen one's name
    run::RunComparison data; // under the chosen normalizer
    // Per run, in data.runs' order: WER under "none", "basic", "whisper-en".
    std::vector<std::array<std::optional<double>, 3>> werByNormalizer;
    run::RunAnalysis analysis; // every run against the first, breakdowns, confusions, signals
};

using ComparisonPtr = std::shared_ptr<const Comparison>;

// Blocking; call it off the UI thread (ComparisonSession does). `cancel` is read between runs.
Expected<ComparisonPtr> readComparison(const QString& project, const QList<qint64>& runIds, const QString& normalizer,
                                       const std::atomic<bool>* cancel = nullptr);

inline const char* const kNormalizers[3] = {"none", "basic", "whisper-en"};

} // namespace vox::app

Q_DECLARE_METATYPE(vox::app::ComparisonPtr)
