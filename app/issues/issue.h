#pragma once
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace vox::app {

// Something a user should know went wrong (or might mislead), shown in the Issues dock.
struct Issue {
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Warning;
    QString message;  // what happened and what to do about it
    QString context;  // what it happened to: a file, an utterance id, a model package
    QString source;   // the subsystem that reported it ("torch", "audio", "import", ...)
    QDateTime time = QDateTime::currentDateTime();
};

QString severityName(Issue::Severity severity);

} // namespace vox::app

Q_DECLARE_METATYPE(vox::app::Issue)
