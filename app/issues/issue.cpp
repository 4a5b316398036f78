#include "app/issues/issue.h"

#include <QCoreApplication>

namespace vox::app {

QString severityName(Issue::Severity severity)
{
    switch (severity) {
    case Issue::Severity::Info: return QCoreApplication::translate("vox::app::Issue", "Info");
    case Issue::Severity::Warning: return QCoreApplication::translate("vox::app::Issue", "Warning");
    case Issue::Severity::Error: return QCoreApplication::translate("vox::app::Issue", "Error");
    }
    return {};
}

} // namespace vox::app
