#pragma once
#include "core/util/expected.h"

#include <QByteArray>
#include <QString>

namespace vox::app {

// Writes the whole file or nothing: into a temporary file beside it, renamed over `path` only
// when every byte was written and flushed (QSaveFile). The error names the file and the
// system's reason (a full disk, no permission), so a failed export is never reported as done.
Expected<Done> writeWholeFile(const QString& path, const QByteArray& bytes);

} // namespace vox::app
