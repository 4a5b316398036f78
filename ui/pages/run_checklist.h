#pragma once
// The list of runs a page compares: every run it can show, the chosen ones checked, in the
// order that keeps "the first checked is the baseline" true (ComparisonSession::displayOrder).
// `chosen` is emitted when the user checks or unchecks a run, not when the list is filled.
#include <QListWidget>

#include <functional>

namespace vox::app {
class RunListModel;
struct RunInfo;
}

namespace vox::ui {

class RunChecklist : public QListWidget {
    Q_OBJECT
public:
    explicit RunChecklist(QWidget* parent = nullptr);

    // The runs of `runs` that `shows` accepts; `chosen` checked. Ignored while the user's own
    // change is being handed on (the list already shows it).
    void setRuns(const app::RunListModel& runs, const std::function<bool(const app::RunInfo&)>& shows,
                 const QList<qint64>& chosen);
    QList<qint64> checkedRuns() const;

signals:
    void chosen(const QList<qint64>& runIds);

private:
    bool m_filling = false;
};

} // namespace vox::ui
