#pragma once
// Runs side by side (core's run::compareRuns), read off the UI thread, with each run's corpus
// figures under all three normalizers so the Results page can show them next to each other.
#include "core/run/run_comparison.h"

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace vox::app {

struct Comparison {
    QString error; // empty when read
    QString normalizer; // the chosen one's name
    run::RunComparison data; // under the chosen normalizer
    // Per run, in data.runs' order: WER under "none", "basic", "whisper-en".
    std::vector<std::array<std::optional<double>, 3>> werByNormalizer;

    bool ok() const { return error.isEmpty(); }
};

using ComparisonPtr = std::shared_ptr<const Comparison>;

// Blocking; call it off the UI thread.
ComparisonPtr readComparison(const QString& project, const QList<qint64>& runIds, const QString& normalizer);
QFuture<ComparisonPtr> loadComparison(const QString& project, const QList<qint64>& runIds, const QString& normalizer);

inline const char* const kNormalizers[3] = {"none", "basic", "whisper-en"};

} // namespace vox::app

Q_DECLARE_METATYPE(vox::app::ComparisonPtr)
