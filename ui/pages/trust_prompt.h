#pragma once
#include <QList>

#include <functional>

class QWidget;

namespace vox::app {
class ProjectSession;
}

namespace vox::ui {

// Before a model package from another machine is loaded here: says that a package is code and
// asks. `then` runs at once when every variant may be loaded already, after the answer is
// stored when the person says yes, and not at all when they say no (the function then returns
// false). core/store/package_trust.h has the rule.
bool loadWithTrust(QWidget* parent, app::ProjectSession* session, const QList<qint64>& variants,
                   std::function<void()> then);

} // namespace vox::ui
