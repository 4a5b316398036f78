#pragma once
#include <QStackedWidget>

class QPushButton;

namespace vox::app {
class ProjectSession;
}

namespace vox::ui {

class EmptyStatePage;

// Stands in front of a page that shows runs (Results, Diff, Charts, Profiler) while the project
// has none to show, and says what to do next: open a project, run variants on the Runs page
// or, in the demo project, run the demo comparison with one click. The page comes back as soon
// as a run exists (its results then fill in as they arrive).
class FirstContact : public QStackedWidget {
    Q_OBJECT
public:
    enum class Runs { Speech, Any }; // which runs the page shows
    FirstContact(QWidget* page, app::ProjectSession* session, Runs runs, const QString& title, QWidget* parent = nullptr);

    bool showsPage() const { return currentWidget() == m_page; }
    EmptyStatePage* panel() const { return m_panel; }
    QPushButton* demoButton() const { return m_demo; }

signals:
    void runsPageRequested();

private:
    void update();

    QWidget* m_page;
    app::ProjectSession* m_session;
    Runs m_runs;
    EmptyStatePage* m_panel;
    QPushButton* m_demo;
    QPushButton* m_runsPage;
};

} // namespace vox::ui
