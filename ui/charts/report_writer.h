#pragma once
// "Export report": a folder with every chart of a comparison (PNG, SVG, PDF), its summary and
// per-utterance tables (CSV, JSON, Markdown, LaTeX), every run's card and a README naming the
// normalizer and the settings; and, when keyword spotters are compared, their curves, stream
// timeline, summary, cost and clip tables. Written from the sessions, not from a page: the
// Charts page's button and `voxbench --export-report` both call it.
#include "core/util/expected.h"

#include <QString>
#include <QStringList>

namespace vox::app {
class ComparisonSession;
class KwsSession;
}

namespace vox::ui {

// Returns the files written. An error when nothing is compared in either session or a file
// cannot be written. `kws` may be null.
Expected<QStringList> writeReport(const app::ComparisonSession& session, const app::KwsSession* kws, const QString& folder);

} // namespace vox::ui
