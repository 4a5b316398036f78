#pragma once
// sclite-style files of each compared run, for people who read sclite's output: NAME.pra (the
// aligned REF / HYP / Eval lines of every utterance) and NAME.dtl (the detailed report:
// figures, confusion pairs, insertions, deletions), NAME being "run<id>-<variant>".
#include "app/results/comparison.h"

#include <QStringList>

namespace vox::app {

// Blocking; writes into the folder `dir` (which must exist) and returns the files written.
Expected<QStringList> writeScliteFiles(const Comparison& comparison, const QString& dir);

} // namespace vox::app
