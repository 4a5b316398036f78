#include "ui/pages/first_contact.h"

#include "app/run/run_list_model.h"
#include "app/session/project_session.h"
#include "ui/pages/empty_state_page.h"

#include <QPushButton>

#include <algorithm>

namespace vox::ui {

FirstContact::FirstContact(QWidget* page, app::ProjectSession* session, Runs runs, const QString& title, QWidget* parent)
    : QStackedWidget(parent)
    , m_page(page)
    , m_session(session)
    , m_runs(runs)
    , m_panel(new EmptyStatePage(title, QString()))
    , m_demo(new QPushButton(tr("Run the demo comparison")))
    , m_runsPage(new QPushButton(tr("Go to the Runs page")))
{
    m_panel->setObjectName(QStringLiteral("firstContactPanel"));
    m_demo->setObjectName(QStringLiteral("runDemoComparisonButton"));
    m_demo->setDefault(true);
    m_demo->setToolTip(tr("Runs whisper-demo-fp32 (the baseline), whisper-demo-int8 and whisper-demo-student over "
                          "\"demo clean\" with the default settings"));
    m_runsPage->setObjectName(QStringLiteral("goToRunsButton"));
    m_panel->addAction(m_demo);
    m_panel->addAction(m_runsPage);
    addWidget(m_panel);
    addWidget(m_page);

    connect(m_demo, &QPushButton::clicked, this, [this] { m_session->runDemoComparison(); });
    connect(m_runsPage, &QPushButton::clicked, this, &FirstContact::runsPageRequested);
    connect(m_session->runs(), &QAbstractItemModel::modelReset, this, &FirstContact::update);
    connect(m_session, &app::ProjectSession::opened, this, &FirstContact::update);
    connect(m_session, &app::ProjectSession::changed, this, &FirstContact::update);
    update();
}

void FirstContact::update()
{
    const auto& all = m_session->runs()->runs();
    const bool any = std::any_of(all.begin(), all.end(), [this](const app::RunInfo& r) {
        return m_runs == Runs::Any || !r.keywordSpotting();
    });
    if (m_session->isOpen() && any) {
        setCurrentWidget(m_page);
        return;
    }
    const bool demo = m_session->canRunDemoComparison();
    m_demo->setVisible(demo);
    m_runsPage->setVisible(m_session->isOpen());
    if (!m_session->isOpen())
        m_panel->setDescription(tr("Open a project (File ▸ Open Project…) or create one (File ▸ New Project…)."));
    else if (demo)
        m_panel->setDescription(tr("Nothing has run in this project yet. Run the demo comparison: the demo Whisper in full "
                                   "precision (the baseline), its int8 version and its distilled student over the 120 "
                                   "clean utterances, about a quarter of a minute on two cores. The demo models are "
                                   "tiny, trained here on synthetic speech; their figures show how VoxBench works, not "
                                   "how Whisper performs. Or choose variants and a dataset on the Runs page."));
    else
        m_panel->setDescription(m_runs == Runs::Speech
                                    ? tr("Nothing has run over a speech dataset yet. On the Runs page, check the variants "
                                         "to compare and a dataset, then press Run; the results appear here as they come.")
                                    : tr("Nothing has run in this project yet. On the Runs page, check the variants to "
                                         "compare and a dataset, then press Run."));
    setCurrentWidget(m_panel);
}

} // namespace vox::ui
