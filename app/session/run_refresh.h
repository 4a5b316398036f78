#pragma once
// What a session shows must follow runs that are still going: every committed batch or stop of
// a run the session watches asks for a re-read, and `due` comes at most once a second.
#include <QObject>

#include <functional>

class QTimer;

namespace vox::app {

class ProjectSession;

class RunRefresh : public QObject {
    Q_OBJECT
public:
    // `watches(runId)`: whether the session shows that run (asked on every batch).
    RunRefresh(ProjectSession* project, std::function<bool(qint64)> watches, QObject* parent);

    bool pending() const;
    void stop(); // a read starts now: what was due is covered

signals:
    void due();

private:
    void touched(qint64 runId);

    std::function<bool(qint64)> m_watches;
    QTimer* m_timer;
};

} // namespace vox::app
