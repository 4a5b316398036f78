#include "ui/window/main_window.h"

#include "app/issues/issue_model.h"
#include "app/project/project_actions.h"
#include "app/project/project_models.h"
#include "app/project/project_summary.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/settings/settings_keys.h"
#include "core/version.h"
#include "ui/issues/issues_dock.h"
#include "ui/pages/data_page.h"
#include "ui/pages/charts_page.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/empty_state_page.h"
#include "ui/pages/profiler_page.h"
#include "ui/pages/results_page.h"
#include "ui/pages/runs_page.h"
#include "ui/pages/table_page.h"
#include "ui/window/environment_label.h"
#include "ui/window/page_registry.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>

namespace vox::ui {

MainWindow::MainWindow(app::IssueModel* issues, QWidget* parent)
    : QMainWindow(parent)
    , m_issues(issues)
    , m_navigation(new QListWidget)
    , m_stack(new QStackedWidget)
    , m_issuesDock(new IssuesDock(issues, this))
    , m_datasets(new app::DatasetTableModel(this))
    , m_variants(new app::VariantTableModel(this))
    , m_runList(new app::RunListModel(this))
    , m_runQueue(new app::RunQueue(this))
{
    setWindowTitle(tr("VoxBench"));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1280, 800);

    m_navigation->setObjectName(QStringLiteral("pageNavigation"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(150);
    m_navigation->setSpacing(2);
    m_stack->setObjectName(QStringLiteral("pageStack"));

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    addDockWidget(Qt::BottomDockWidgetArea, m_issuesDock);

    createPages();
    createMenus();
    createStatusBar();

    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_issues, &app::IssueModel::issueAdded, this, [this](const app::Issue& issue) {
        if (issue.severity == app::Issue::Severity::Error)
            m_issuesDock->show(); // errors must not go unseen
    });

    restoreWindowState();
}

void MainWindow::createPages()
{
    for (const PageInfo& info : productPages()) {
        auto* item = new QListWidgetItem(info.title, m_navigation);
        item->setData(Qt::UserRole, info.id);
        item->setToolTip(info.description);
        item->setSizeHint(QSize(0, 34));
        QWidget* page = nullptr;
        if (info.id == QLatin1String("data"))
            page = new DataPage(info.title, info.description, m_datasets);
        else if (info.id == QLatin1String("variants"))
            page = new TablePage(info.title, info.description, m_variants);
        else if (info.id == QLatin1String("runs"))
            page = new RunsPage(info.title, info.description, m_datasets, m_variants, m_runList, m_runQueue);
        else if (info.id == QLatin1String("results"))
            page = new ResultsPage(info.title, info.description, m_runList, m_runQueue);
        else if (info.id == QLatin1String("diff"))
            page = createDiffPage(info);
        else if (info.id == QLatin1String("charts"))
            page = new ChartsPage(info.title, info.description,
                                  static_cast<ResultsPage*>(m_stack->widget(m_pageIds.indexOf(QStringLiteral("results")))));
        else if (info.id == QLatin1String("profiler"))
            page = new ProfilerPage(info.title, info.description, m_runList, m_runQueue);
        else
            page = new EmptyStatePage(info.title, info.description);
        page->setObjectName(info.id + QStringLiteral("Page"));
        m_stack->addWidget(page);
        m_pageIds << info.id;
    }
    // The Diff page follows the Results page's selected utterance.
    auto* results = static_cast<ResultsPage*>(page(QStringLiteral("results")));
    auto* diff = page(QStringLiteral("diff"))->findChild<DiffView*>(QStringLiteral("diffPageView"));
    connect(results, &ResultsPage::utteranceSelected, diff, &DiffView::show);
}

QWidget* MainWindow::createDiffPage(const PageInfo& info)
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(info.title.toHtmlEscaped())));
    auto* description = new QLabel(info.description);
    description->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(description);
    auto* view = new DiffView;
    view->setObjectName(QStringLiteral("diffPageView"));
    layout->addWidget(view, 1);
    return page;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Project…"), this, &MainWindow::chooseProject);
    open->setShortcut(QKeySequence::Open);
    QAction* create = file->addAction(tr("&New Project…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("New Project"), QString(),
                                                          tr("VoxBench projects (*.voxbench)"));
        if (!path.isEmpty())
            newProject(path.endsWith(QLatin1String(".voxbench")) ? path : path + QStringLiteral(".voxbench"));
    });
    create->setShortcut(QKeySequence::New);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentProjectsMenu"));
    updateRecentMenu();
    file->addSeparator();
    QAction* importFolder = file->addAction(tr("Import Dataset &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a dataset folder (audio folder, LibriSpeech, Kaldi)"));
        if (!dir.isEmpty())
            importDataset(dir);
    });
    QAction* importFile = file->addAction(tr("Import Dataset &Manifest…"), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import a manifest or table (NeMo, Common Voice, CSV/TSV)"),
                                                       QString(), tr("Manifests and tables (*.json *.jsonl *.tsv *.csv *.txt);;All files (*)"));
        if (!f.isEmpty())
            importDataset(f);
    });
    QAction* addPackage = file->addAction(tr("Add Model &Package…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a model package folder"));
        if (!dir.isEmpty())
            addPackages({dir});
    });
    for (QAction* a : {importFolder, importFile, addPackage}) {
        a->setEnabled(false);
        connect(this, &MainWindow::projectOpened, a, [a] { a->setEnabled(true); });
    }
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const auto pages = productPages();
    for (int i = 0; i < pages.size(); ++i) {
        const QString id = pages[i].id;
        QAction* action = view->addAction(pages[i].title, this, [this, id] { showPage(id); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction* toggleIssues = m_issuesDock->toggleViewAction();
    toggleIssues->setText(tr("&Issues"));
    view->addAction(toggleIssues);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About VoxBench"), this, [this] {
        QMessageBox::about(this, tr("About VoxBench"),
                           tr("<h3>VoxBench %1</h3><p>Measure what speeding up a speech model costs and what it "
                              "breaks: accuracy, time, memory and operators of each variant, on your own audio.</p>")
                               .arg(QString::fromLatin1(vox::kVersion)));
    });
}

void MainWindow::createStatusBar()
{
    statusBar()->showMessage(tr("Ready"));
    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0); // busy: imports do not know their length in advance
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    statusBar()->addPermanentWidget(m_busy);

    m_issueButton = new QToolButton;
    m_issueButton->setObjectName(QStringLiteral("issueButton"));
    m_issueButton->setAutoRaise(true);
    m_issueButton->setToolTip(tr("Show or hide the Issues dock"));
    connect(m_issueButton, &QToolButton::clicked, this,
            [this] { m_issuesDock->setVisible(!m_issuesDock->isVisible()); });
    connect(m_issues, &app::IssueModel::countsChanged, this, &MainWindow::updateIssueButton);
    updateIssueButton();

    auto* environment = new EnvironmentLabel;
    statusBar()->addPermanentWidget(m_issueButton);
    statusBar()->addPermanentWidget(environment);
    if (!environment->blasWarning().isEmpty())
        m_issues->report({app::Issue::Severity::Warning, environment->blasWarning(), tr("libtorch's BLAS"),
                          QStringLiteral("torch")});
}

void MainWindow::updateIssueButton()
{
    const int errors = m_issues->count(app::Issue::Severity::Error);
    const int warnings = m_issues->count(app::Issue::Severity::Warning);
    m_issueButton->setText(tr("Errors: %1 · Warnings: %2").arg(errors).arg(warnings));
}

QStringList MainWindow::pageIds() const
{
    return m_pageIds;
}

QString MainWindow::currentPageId() const
{
    const int row = m_stack->currentIndex();
    return row >= 0 && row < m_pageIds.size() ? m_pageIds.at(row) : QString();
}

bool MainWindow::showPage(const QString& id)
{
    const int row = static_cast<int>(m_pageIds.indexOf(id));
    if (row < 0)
        return false;
    m_navigation->setCurrentRow(row);
    return true;
}

QWidget* MainWindow::page(const QString& id) const
{
    const int row = static_cast<int>(m_pageIds.indexOf(id));
    return row < 0 ? nullptr : m_stack->widget(row);
}

void MainWindow::chooseProject()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QFileInfo(m_projectPath).path(),
                                                      tr("VoxBench projects (*.voxbench);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = app::settings::recentProjects().get();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName() + QStringLiteral("  —  ") + QFileInfo(path).path(), this,
                                [this, path] { openProject(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::openProject(const QString& path)
{
    const int generation = ++m_openGeneration;
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    auto* watcher = new QFutureWatcher<app::ProjectSummary>(this);
    connect(watcher, &QFutureWatcher<app::ProjectSummary>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_openGeneration)
            showProject(watcher->result());
    });
    watcher->setFuture(app::loadProjectSummary(path));
}

void MainWindow::newProject(const QString& path)
{
    applyChange(app::createProject(path), path);
}

void MainWindow::importDataset(const QString& source, const QString& name, const QString& format)
{
    if (m_projectPath.isEmpty())
        return;
    applyChange(app::importDataset(m_projectPath, source, name, format), m_projectPath);
}

void MainWindow::addPackages(const QStringList& folders)
{
    if (m_projectPath.isEmpty())
        return;
    applyChange(app::addPackages(m_projectPath, folders), m_projectPath);
}

void MainWindow::applyChange(QFuture<app::ProjectChange> future, const QString& openAfterwards)
{
    m_busy->show();
    auto* watcher = new QFutureWatcher<app::ProjectChange>(this);
    connect(watcher, &QFutureWatcher<app::ProjectChange>::progressTextChanged, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(watcher, &QFutureWatcher<app::ProjectChange>::finished, this, [this, watcher, openAfterwards] {
        watcher->deleteLater();
        m_busy->hide();
        const app::ProjectChange change = watcher->result();
        const int shown = 20;
        for (int i = 0; i < change.warnings.size() && i < shown; ++i)
            m_issues->report({app::Issue::Severity::Warning, change.warnings[i], openAfterwards, QStringLiteral("import")});
        if (change.warnings.size() > shown)
            m_issues->report({app::Issue::Severity::Warning,
                              tr("… and %1 more lines skipped").arg(change.warnings.size() - shown), openAfterwards,
                              QStringLiteral("import")});
        if (!change.ok()) {
            m_issues->report({app::Issue::Severity::Error, change.error, openAfterwards, QStringLiteral("project")});
            statusBar()->showMessage(change.error, 8000);
        } else {
            statusBar()->showMessage(change.message, 8000);
            openProject(openAfterwards);
        }
        emit projectChanged(change.ok(), change.ok() ? change.message : change.error);
    });
    watcher->setFuture(future);
}

void MainWindow::showProject(const app::ProjectSummary& summary)
{
    if (!summary.ok()) {
        statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(summary.path).fileName()));
        m_issues->report({app::Issue::Severity::Error,
                       tr("Could not open the project: %1").arg(summary.error), summary.path, QStringLiteral("project")});
        emit projectFailed(summary.path, summary.error);
        return;
    }
    m_projectPath = summary.path;
    auto* data = static_cast<DataPage*>(page(QStringLiteral("data")));
    data->setProject(summary.path);
    m_datasets->setDatasets(summary.datasets);
    m_variants->setVariants(summary.variants);
    m_runQueue->setProject(summary.path);
    static_cast<ResultsPage*>(page(QStringLiteral("results")))->setProject(summary.path);
    static_cast<ProfilerPage*>(page(QStringLiteral("profiler")))->setProject(summary.path);
    static_cast<RunsPage*>(page(QStringLiteral("runs")))->setProject(summary.path);
    setWindowTitle(tr("%1 — VoxBench").arg(QFileInfo(summary.path).fileName()));

    qint64 utterances = 0;
    for (const auto& d : summary.datasets)
        utterances += d.utterances;
    data->datasetsTable()->setSubtitle(tr("Datasets: %1 · utterances: %2 · %3")
                          .arg(summary.datasets.size())
                          .arg(QLocale().toString(utterances), summary.path));
    auto* variants = static_cast<TablePage*>(page(QStringLiteral("variants")));
    variants->setSubtitle(
        tr("Variants: %1 · hover over a row for its package folder and source").arg(summary.variants.size()));
    variants->setNotice(summary.hasDemoVariants()
                            ? tr("<b>Demo models.</b> The variants marked (demo) are small models VoxBench trained "
                                 "here on synthetic speech (espeak-ng, flite and Festival voices). They are not "
                                 "Whisper checkpoints and know only the demo's little vocabulary; bring real "
                                 "checkpoints through tools/whisper/export.py.")
                            : QString());
    app::settings::recentProjects().set(app::settings::withRecentProject(app::settings::recentProjects().get(), summary.path));
    updateRecentMenu();
    statusBar()->showMessage(tr("Opened %1").arg(summary.path), 5000);
    emit projectOpened(summary.path);
}

void MainWindow::restoreWindowState()
{
    restoreGeometry(app::settings::mainWindowGeometry().get());
    if (!restoreState(app::settings::mainWindowState().get()))
        resizeDocks({m_issuesDock}, {150}, Qt::Vertical); // first start: pages get the room
    if (!showPage(app::settings::currentPage().get()))
        showPage(m_pageIds.value(0));
}

void MainWindow::saveWindowState() const
{
    app::settings::mainWindowGeometry().set(saveGeometry());
    app::settings::mainWindowState().set(saveState());
    app::settings::currentPage().set(currentPageId());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    event->accept();
}

} // namespace vox::ui
