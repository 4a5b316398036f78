#include "ui/window/main_window.h"

#include "app/issues/issue_model.h"
#include "app/kws/kws_session.h"
#include "app/profile/profile_session.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"
#include "app/settings/settings_keys.h"
#include "core/version.h"
#include "ui/issues/issues_dock.h"
#include "ui/pages/charts_page.h"
#include "ui/pages/data_page.h"
#include "ui/pages/diff_page.h"
#include "ui/pages/empty_state_page.h"
#include "ui/pages/first_contact.h"
#include "ui/pages/kws_page.h"
#include "ui/pages/profiler_page.h"
#include "ui/pages/results_page.h"
#include "ui/pages/runs_page.h"
#include "ui/pages/variants_page.h"
#include "ui/window/environment_label.h"
#include "ui/window/page_registry.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
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
    , m_session(new app::ProjectSession(issues, nullptr, this))
    , m_comparison(new app::ComparisonSession(m_session, this))
    , m_profiles(new app::ProfileSession(m_session, m_comparison, this))
    , m_kws(new app::KwsSession(m_session, this))
    , m_navigation(new QListWidget)
    , m_stack(new QStackedWidget)
    , m_issuesDock(new IssuesDock(issues, this))
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

    for (const PageInfo& info : productPages()) {
        auto* item = new QListWidgetItem(info.title, m_navigation);
        item->setData(Qt::UserRole, info.id);
        item->setToolTip(info.description);
        item->setSizeHint(QSize(0, 34));
        QWidget* page = createPage(info);
        page->setObjectName(info.id + QStringLiteral("Page"));
        m_stack->addWidget(withFirstContact(info, page));
        m_pageIds << info.id;
        m_pages << page;
    }
    createMenus();
    createStatusBar();
    connectSession();

    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_issues, &app::IssueModel::issueAdded, this, [this](const app::Issue& issue) {
        if (issue.severity == app::Issue::Severity::Error)
            m_issuesDock->show(); // errors must not go unseen
    });
    connect(m_issues, &QAbstractItemModel::modelReset, this, [this] {
        if (m_issues->rowCount() == 0)
            m_issuesDock->hide(); // cleared: the pages get the room back
    });

    restoreWindowState();
}

QWidget* MainWindow::createPage(const PageInfo& info)
{
    const QString& id = info.id;
    if (id == QLatin1String("data"))
        return new DataPage(info, m_session);
    if (id == QLatin1String("variants"))
        return new VariantsPage(info, m_session);
    if (id == QLatin1String("runs"))
        return new RunsPage(info, m_session);
    if (id == QLatin1String("results"))
        return new ResultsPage(info, m_comparison);
    if (id == QLatin1String("diff"))
        return new DiffPage(info, m_comparison);
    if (id == QLatin1String("charts"))
        return new ChartsPage(info, m_comparison, m_kws);
    if (id == QLatin1String("profiler"))
        return new ProfilerPage(info, m_profiles);
    if (id == QLatin1String("kws"))
        return new KwsPage(info, m_kws);
    return new EmptyStatePage(info.title, info.description);
}

QWidget* MainWindow::withFirstContact(const PageInfo& info, QWidget* page)
{
    // The pages that show runs say what to do while there are none.
    const QString& id = info.id;
    const bool speech = id == QLatin1String("results") || id == QLatin1String("diff");
    if (!speech && id != QLatin1String("charts") && id != QLatin1String("profiler"))
        return page;
    auto* front = new FirstContact(page, m_session, speech ? FirstContact::Runs::Speech : FirstContact::Runs::Any, info.title);
    front->setObjectName(id + QStringLiteral("FirstContact"));
    connect(front, &FirstContact::runsPageRequested, this, [this] { showPage(QStringLiteral("runs")); });
    return front;
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
            m_session->newProject(path.endsWith(QLatin1String(".voxbench")) ? path : path + QStringLiteral(".voxbench"));
    });
    create->setShortcut(QKeySequence::New);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentProjectsMenu"));
    updateRecentMenu();
    file->addSeparator();
    QAction* importFolder = file->addAction(tr("Import Dataset &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a dataset folder (audio folder, LibriSpeech, Kaldi)"));
        if (!dir.isEmpty())
            m_session->importDataset(dir);
    });
    QAction* importFile = file->addAction(tr("Import Dataset &Manifest…"), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import a manifest or table (NeMo, Common Voice, CSV/TSV)"),
                                                       QString(), tr("Manifests and tables (*.json *.jsonl *.tsv *.csv *.txt);;All files (*)"));
        if (!f.isEmpty())
            m_session->importDataset(f);
    });
    QAction* addPackage = file->addAction(tr("Add Model &Package…"), this, [this] {
        // Said where the folder is chosen: loading a package runs its code.
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Add a model package folder — a package is code: add only packages from someone you trust"));
        if (!dir.isEmpty())
            m_session->addPackages({dir});
    });
    addPackage->setStatusTip(tr("Register a model package folder as a variant; loading a package runs its code "
                                "(TorchScript), so add only packages from someone you trust"));
    for (QAction* a : {importFolder, importFile, addPackage}) {
        a->setObjectName(a == addPackage ? QStringLiteral("addPackageAction") : QStringLiteral("importAction"));
        a->setEnabled(false);
        // A read-only project is open for viewing: what writes it is disabled, saying why.
        connect(m_session, &app::ProjectSession::opened, a, [this, a] {
            a->setEnabled(!m_session->readOnly());
            a->setToolTip(m_session->readOnlyReason());
        });
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
    m_cancelChange = new QToolButton;
    m_cancelChange->setObjectName(QStringLiteral("cancelChangeButton"));
    m_cancelChange->setText(tr("Cancel"));
    m_cancelChange->setToolTip(tr("Stop the import; the project stays as it was"));
    m_cancelChange->setAutoRaise(true);
    m_cancelChange->hide();
    connect(m_cancelChange, &QToolButton::clicked, m_session, &app::ProjectSession::cancelChange);
    statusBar()->addPermanentWidget(m_cancelChange);

    m_issueButton = new QToolButton;
    m_issueButton->setObjectName(QStringLiteral("issueButton"));
    m_issueButton->setAutoRaise(true);
    m_issueButton->setToolTip(tr("Show or hide the Issues dock"));
    connect(m_issueButton, &QToolButton::clicked, this,
            [this] { m_issuesDock->setVisible(!m_issuesDock->isVisible()); });
    connect(m_issues, &app::IssueModel::countsChanged, this, &MainWindow::updateIssueButton);
    updateIssueButton();

    m_readOnly = new QLabel(tr("Read-only"));
    m_readOnly->setObjectName(QStringLiteral("readOnlyNotice"));
    m_readOnly->hide();
    statusBar()->addPermanentWidget(m_readOnly);

    auto* environment = new EnvironmentLabel;
    statusBar()->addPermanentWidget(m_issueButton);
    statusBar()->addPermanentWidget(environment);
    connect(environment, &EnvironmentLabel::environmentRead, this, [this, environment] {
        if (!environment->blasWarning().isEmpty())
            m_issues->report({app::Issue::Severity::Warning, environment->blasWarning(), tr("libtorch's BLAS"),
                              QStringLiteral("torch")});
    });
}

void MainWindow::connectSession()
{
    connect(m_session, &app::ProjectSession::opening, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    });
    connect(m_session, &app::ProjectSession::opened, this, [this](const QString& path) {
        setWindowTitle(tr("%1 — VoxBench").arg(QFileInfo(path).fileName()));
        updateRecentMenu();
        m_readOnly->setVisible(m_session->readOnly());
        m_readOnly->setToolTip(m_session->readOnlyReason());
        if (m_session->readOnly())
            statusBar()->showMessage(tr("Opened %1 read-only, for viewing: %2").arg(path, m_session->readOnlyReason()));
        else
            statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    });
    connect(m_session, &app::ProjectSession::openFailed, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()));
    });
    connect(m_session, &app::ProjectSession::changeStarted, this, [this] {
        m_busy->show();
        m_cancelChange->show();
    });
    connect(m_session, &app::ProjectSession::changeProgress, this, [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_session, &app::ProjectSession::changed, this, [this](bool, const QString& message) {
        m_busy->hide();
        m_cancelChange->hide();
        statusBar()->showMessage(message, 8000);
    });
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
    return m_pages.value(row, nullptr);
}

void MainWindow::chooseProject()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QFileInfo(m_session->path()).path(),
                                                      tr("VoxBench projects (*.voxbench);;All files (*)"));
    if (!path.isEmpty())
        m_session->open(path);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = app::settings::recentProjects().get();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName() + QStringLiteral("  —  ") + QFileInfo(path).path(), this,
                                [this, path] { m_session->open(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreWindowState()
{
    restoreGeometry(app::settings::mainWindowGeometry().get());
    if (!restoreState(app::settings::mainWindowState().get()))
        resizeDocks({m_issuesDock}, {150}, Qt::Vertical); // first start: pages get the room
    // An empty Issues dock takes no room: it opens on the first error, or from the status bar.
    if (m_issues->rowCount() == 0)
        m_issuesDock->hide();
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
