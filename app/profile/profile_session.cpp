#include "app/profile/profile_session.h"

#include "app/profile/operator_table_model.h"
#include "app/profile/profile_summary.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"

#include <QCoreApplication>

namespace vox::app {

namespace {
class CaptureTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::ProfileSession)
public:
    static QString executing(int runs) { return tr("%n run(s) executing in VoxBench", nullptr, runs); }
};
} // namespace

ProfileSession::ProfileSession(ProjectSession* project, ComparisonSession* comparison, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_comparisonSession(comparison)
    , m_operatorsA(new OperatorTableModel(this))
    , m_operatorsB(new OperatorTableModel(this))
    , m_comparison(new ProfileComparisonModel(this))
    , m_kernels(new KernelTableModel(this))
{
    // The comparison chooses again whenever the runs list is read (it follows every reset).
    connect(m_comparisonSession, &ComparisonSession::chosenRunsChanged, this, &ProfileSession::follow);
    connect(m_project, &ProjectSession::opened, this, [this] {
        m_userChose = false;
        m_read.abandon();
        show(nullptr);
    });
}

ProfileSession::~ProfileSession() = default;

void ProfileSession::follow()
{
    const auto& runs = m_project->runs()->runs();
    auto exists = [&](qint64 id) { return id == 0 || m_project->runs()->rowOf(id) >= 0; };
    if (!m_userChose || !exists(m_a) || !exists(m_b) || m_a == 0) {
        m_userChose = false;
        const QList<qint64> chosen = m_comparisonSession->chosenRuns();
        if (!chosen.isEmpty() && exists(chosen[0])) {
            m_a = chosen[0];
            m_b = chosen.size() > 1 && exists(chosen[1]) ? chosen[1] : 0;
        } else { // the first two runs, side by side
            m_a = runs.isEmpty() ? 0 : runs[0].id;
            m_b = runs.size() > 1 ? runs[1].id : 0;
        }
    }
    emit choiceChanged();
    reload();
}

void ProfileSession::choose(qint64 runA, qint64 runB)
{
    m_userChose = true;
    m_a = runA;
    m_b = runB == runA ? 0 : runB;
    emit choiceChanged();
    reload();
}

void ProfileSession::reload()
{
    if (!m_project->isOpen() || m_a <= 0)
        return;
    const QString path = m_project->path();
    const qint64 a = m_a, b = m_b;
    m_read.start([path, a, b](const JobContext&) { return readRunProfiles(path, a, b); },
                 [this](Expected<RunProfilesPtr> profiles) {
                     if (profiles)
                         return show(std::move(*profiles));
                     const QString error = m_project->reportError(profiles.error(), QStringLiteral("profile"));
                     show(nullptr);
                     emit readFailed(error);
                 });
}

void ProfileSession::setByShapes(bool byShapes)
{
    if (byShapes == m_byShapes)
        return;
    m_byShapes = byShapes;
    show(m_shown);
}

void ProfileSession::show(RunProfilesPtr profiles)
{
    m_shown = std::move(profiles);
    const RunProfiles* s = m_shown.get();
    const auto a = s ? s->a.profile : nullptr;
    const auto b = s && s->b ? s->b->profile : nullptr;
    m_operatorsA->setProfile(a, m_byShapes);
    m_operatorsB->setProfile(b, m_byShapes);
    m_comparison->setProfiles(a, b);
    m_kernels->setProfiles({{QStringLiteral("A"), a}, {QStringLiteral("B"), b}});
    emit profilesChanged();
}

QString ProfileSession::summaryText() const
{
    if (!m_shown)
        return {};
    const auto& c = m_comparison->comparison();
    return profileSummaryText(*m_shown, c.totalMsA, c.totalMsB);
}

bool ProfileSession::capture(int utterances, bool again)
{
    if (!m_shown || isCapturing())
        return false;
    QList<qint64> runs;
    if (again || !m_shown->a.present())
        runs << m_shown->a.runId;
    if (m_shown->b && (again || !m_shown->b->present()))
        runs << m_shown->b->runId;
    if (runs.isEmpty()) // every chosen run has a profile: profile them again
        return capture(utterances, true);
    captureNext(runs, utterances);
    return true;
}

void ProfileSession::captureNext(QList<qint64> runs, int utterances)
{
    if (runs.isEmpty()) {
        reload();
        emit captureFinished({});
        return;
    }
    const qint64 run = runs.takeFirst();
    // Times measured while runs execute share the CPU with them: the profile says so.
    const int executing = m_project->queue()->activeCount();
    const QString conditions = executing > 0 ? CaptureTexts::executing(executing) : QString();
    const QString path = m_project->path();
    m_capture.start(
        [=](const JobContext& job) { return captureRunProfile(path, run, utterances, conditions, job.token().flag()); },
        [this, runs, utterances](Expected<Done> done) {
            if (!done) {
                reload(); // a profile captured before this one is shown
                emit captureFinished(QString::fromStdString(done.error().describe()));
                return;
            }
            captureNext(runs, utterances);
        });
    emit captureStarted(run, utterances); // isCapturing() is true from here
}

void ProfileSession::cancelCapture()
{
    m_capture.cancel();
}

} // namespace vox::app
