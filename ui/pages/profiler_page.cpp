#include "ui/pages/profiler_page.h"

#include "app/profile/operator_table_model.h"
#include "app/profile/profile_session.h"
#include "app/format/file_write.h"
#include "app/run/run_list_model.h"
#include "app/session/project_session.h"
#include "core/profile/profile_json.h"
#include "ui/pages/page_header.h"
#include "ui/pages/table_views.h"
#include "ui/pages/trust_prompt.h"
#include "ui/pages/table_export_button.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace vox::ui {

namespace {

// Sorting, and the comparison's colours: added operators green, removed red, a slower
// operator's change red and a faster one's green.
class ChangeColours : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        using M = app::ProfileComparisonModel;
        if (role == Qt::BackgroundRole && sourceModel()->inherits("vox::app::ProfileComparisonModel")) {
            const int presence = QSortFilterProxyModel::data(index, M::PresenceRole).toInt();
            if (presence == int(profile::Presence::OnlyB))
                return QBrush(QColor(0xdf, 0xf3, 0xdf));
            if (presence == int(profile::Presence::OnlyA))
                return QBrush(QColor(0xf8, 0xdc, 0xdc));
        }
        if (role == Qt::ForegroundRole && index.column() == M::DeltaMsColumn
            && sourceModel()->inherits("vox::app::ProfileComparisonModel")) {
            const double delta = QSortFilterProxyModel::data(index, M::DeltaRole).toDouble();
            if (delta != 0)
                return QBrush(delta > 0 ? QColor(0xb0, 0x20, 0x20) : QColor(0x20, 0x80, 0x20));
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

QTableView* sortedTable(const QString& name, QAbstractItemModel* model, int sortRole, QObject* parent)
{
    auto* proxy = new ChangeColours(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto* view = makeTableView(name);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->horizontalHeader()->setDefaultSectionSize(86);
    view->sortByColumn(-1, Qt::AscendingOrder);
    return view;
}

} // namespace

ProfilerPage::ProfilerPage(const PageInfo& info, app::ProfileSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_runA(new QComboBox)
    , m_runB(new QComboBox)
    , m_utterances(new QSpinBox)
    , m_topN(new QSpinBox)
    , m_byShapes(new QCheckBox(tr("Group by input shapes")))
    , m_profile(new QPushButton(tr("Profile")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_state(new QLabel)
    , m_summary(new QLabel)
    , m_tables(new QTabWidget)
    , m_charts(new ProfileChartTabs)
{
    m_runA->setObjectName(QStringLiteral("profileRunA"));
    m_runB->setObjectName(QStringLiteral("profileRunB"));
    m_runA->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runB->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runA->setMinimumContentsLength(16);
    m_runB->setMinimumContentsLength(16);
    m_utterances->setObjectName(QStringLiteral("profileUtterances"));
    m_utterances->setRange(1, 10000);
    m_utterances->setValue(8);
    m_utterances->setToolTip(tr("The run's first utterances are profiled, after two warm-up calls"));
    m_topN->setRange(3, 60);
    m_topN->setValue(15);
    m_topN->setPrefix(tr("Top "));
    m_byShapes->setObjectName(QStringLiteral("profileByShapes"));
    m_profile->setObjectName(QStringLiteral("profileButton"));
    m_profile->setToolTip(tr("Capture a profile of each chosen run that has none yet (with the run's variant and settings)"));
    m_cancel->setObjectName(QStringLiteral("profileCancelButton"));
    m_cancel->setToolTip(tr("Stop profiling; profiles captured before it stay"));
    m_cancel->hide();
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_state->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("profileSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);

    m_viewA = sortedTable(QStringLiteral("operatorsA"), operatorsA(), app::OperatorTableModel::SortRole, this);
    m_viewB = sortedTable(QStringLiteral("operatorsB"), operatorsB(), app::OperatorTableModel::SortRole, this);
    m_viewChange = sortedTable(QStringLiteral("operatorChanges"), comparisonModel(), app::ProfileComparisonModel::SortRole, this);
    for (auto* view : {m_viewA, m_viewB})
        view->setColumnWidth(app::OperatorTableModel::NameColumn, 220);
    m_viewChange->setColumnWidth(app::ProfileComparisonModel::NameColumn, 220);
    m_tables->setObjectName(QStringLiteral("profileTables"));
    m_tables->addTab(m_viewA, tr("Operators A"));
    m_tables->addTab(m_viewB, tr("Operators B"));
    m_tables->addTab(m_viewChange, tr("A → B"));
    auto* kernels = sortedTable(QStringLiteral("deviceKernels"), kernelModel(), app::KernelTableModel::SortRole, this);
    kernels->setColumnWidth(app::KernelTableModel::NameColumn, 320);
    m_tables->addTab(kernels, tr("Device kernels"));
    m_tables->setTabToolTip(3, tr("Device time per kernel (CUDA builds of libtorch with Kineto); empty on CPU"));

    auto* choose = new QHBoxLayout;
    auto* labelA = new QLabel(tr("Run &A"));
    labelA->setBuddy(m_runA);
    auto* labelB = new QLabel(tr("compared with &B"));
    labelB->setBuddy(m_runB);
    auto* labelN = new QLabel(tr("&Utterances"));
    labelN->setBuddy(m_utterances);
    for (QWidget* w : std::initializer_list<QWidget*>{labelA, m_runA, labelB, m_runB, labelN, m_utterances, m_profile, m_cancel})
        choose->addWidget(w);
    choose->addWidget(m_state, 1);

    auto* tableBar = new QHBoxLayout;
    tableBar->addWidget(m_byShapes);
    tableBar->addStretch(1);
    auto* exportTable = tableExportButton(this,
                                          {{tr("Operators A"), operatorsA()}, {tr("Operators B"), operatorsB()},
                                           {tr("A → B"), comparisonModel()}, {tr("Device kernels"), kernelModel()}},
                                          QStringLiteral("operators"), [this](const QString& why) { m_state->setText(why); });
    exportTable->setObjectName(QStringLiteral("profileExportTable"));
    tableBar->addWidget(exportTable);
    auto* trace = new QPushButton(tr("Export trace…"));
    trace->setObjectName(QStringLiteral("profileExportTrace"));
    trace->setToolTip(tr("Run A's profile as a Chrome trace (JSON) for Perfetto or chrome://tracing"));
    connect(trace, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export trace"), QStringLiteral("trace.json"));
        if (path.isEmpty())
            return;
        if (auto written = exportTrace(path); !written)
            m_state->setText(QString::fromStdString(written.error().describe()));
    });
    tableBar->addWidget(trace);

    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(m_topN);
    chartBar->addStretch(1);
    auto* exportChartButton = chartExportButton(
        this, [this] { return ProfileChartTabs::fileName(Chart(m_charts->currentIndex())); },
        [this](const QString& path) { return exportChart(Chart(m_charts->currentIndex()), path); },
        [this](const QString& why) { m_state->setText(why); });
    exportChartButton->setObjectName(QStringLiteral("profileExportChart"));
    chartBar->addWidget(exportChartButton);

    auto* split = sideBySide(underBar(tableBar, m_tables), underBar(chartBar, m_charts));

    auto* layout = new QVBoxLayout(this);
    addPageHeader(layout, info);
    layout->addLayout(choose);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_session, &app::ProfileSession::choiceChanged, this, &ProfilerPage::fillRunCombos);
    connect(m_session, &app::ProfileSession::profilesChanged, this, &ProfilerPage::show);
    connect(m_session, &app::ProfileSession::readFailed, this,
            [this](const QString& error) { m_summary->setText(tr("Cannot read the profiles: %1").arg(error.toHtmlEscaped())); });
    connect(m_session, &app::ProfileSession::captureStarted, this, [this](qint64 run, int utterances) {
        m_state->setText(tr("Profiling run %1 on %n utterance(s)…", nullptr, utterances).arg(run));
        updateState();
    });
    connect(m_session, &app::ProfileSession::captureFinished, this, [this](const QString& error) {
        m_state->setText(error.isEmpty() ? tr("Profiled.") : tr("Not profiled: %1").arg(error));
        updateState();
        emit captureFinished(error);
    });
    auto chosen = [this] { m_session->choose(m_runA->currentData().toLongLong(), m_runB->currentData().toLongLong()); };
    connect(m_runA, &QComboBox::activated, this, chosen);
    connect(m_runB, &QComboBox::activated, this, chosen);
    connect(m_profile, &QPushButton::clicked, this, [this] { profileChosen(false); });
    connect(m_cancel, &QPushButton::clicked, m_session, &app::ProfileSession::cancelCapture);
    connect(m_byShapes, &QCheckBox::toggled, m_session, &app::ProfileSession::setByShapes);
    connect(m_topN, &QSpinBox::valueChanged, m_charts, &ProfileChartTabs::setTopN);
    fillRunCombos();
    show();
}

app::RunProfilesPtr ProfilerPage::shown() const
{
    return m_session->shown();
}

app::OperatorTableModel* ProfilerPage::operatorsA() const
{
    return m_session->operatorsA();
}

app::OperatorTableModel* ProfilerPage::operatorsB() const
{
    return m_session->operatorsB();
}

app::ProfileComparisonModel* ProfilerPage::comparisonModel() const
{
    return m_session->comparisonModel();
}

app::KernelTableModel* ProfilerPage::kernelModel() const
{
    return m_session->kernelModel();
}

void ProfilerPage::fillRunCombos()
{
    m_runA->clear();
    m_runB->clear();
    m_runB->addItem(tr("(none)"), qint64(0));
    for (const auto& r : m_session->project()->runs()->runs()) {
        const QString text = tr("Run %1: %2 on %3").arg(r.id).arg(r.variant, r.dataset);
        m_runA->addItem(text, r.id);
        m_runB->addItem(text, r.id);
        m_runA->setItemData(m_runA->count() - 1, r.settings, Qt::ToolTipRole);
        m_runB->setItemData(m_runB->count() - 1, r.settings, Qt::ToolTipRole);
    }
    m_runA->setCurrentIndex(std::max(0, m_runA->findData(m_session->runA())));
    m_runB->setCurrentIndex(std::max(0, m_runB->findData(m_session->runB())));
    updateState();
}

void ProfilerPage::updateState()
{
    const bool any = m_runA->count() > 0;
    const bool capturing = m_session->isCapturing();
    m_profile->setEnabled(any && !capturing);
    m_cancel->setVisible(capturing);
    if (!any && !capturing)
        m_state->setText(tr("Run a variant on the Runs page, then profile it here."));
    else if (any && m_state->text() == tr("Run a variant on the Runs page, then profile it here."))
        m_state->clear();
}

void ProfilerPage::showRuns(qint64 runA, qint64 runB)
{
    m_session->choose(runA, runB);
}

void ProfilerPage::profileChosen(bool again)
{
    QList<qint64> variants;
    for (qint64 run : {m_session->runA(), m_session->runB()})
        if (const auto* r = m_session->project()->runs()->run(run))
            variants << r->variantId;
    loadWithTrust(this, m_session->project(), variants, [this, again] {
        if (m_session->capture(m_utterances->value(), again))
            updateState();
    });
}

void ProfilerPage::show()
{
    const auto* s = m_session->shown().get();
    const bool byShapes = m_session->byShapes();
    for (auto* view : {m_viewA, m_viewB})
        view->setColumnHidden(app::OperatorTableModel::ShapesColumn, !byShapes);
    m_tables->setTabEnabled(1, s && s->b);
    m_tables->setTabEnabled(2, s && s->b && s->b->present() && s->a.present());
    m_tables->setTabEnabled(3, kernelModel()->rowCount() > 0);
    m_summary->setText(m_session->summaryText());
    m_charts->draw(m_session->shown(), m_topN->value());
    emit profilesShown();
}

Expected<Done> ProfilerPage::exportTrace(const QString& path) const
{
    const auto s = m_session->shown();
    if (!s || !s->a.present())
        return makeError(tr("Run A has no profile to export").toStdString());
    return app::writeWholeFile(path, QByteArray::fromStdString(profile::chromeTrace(*s->a.profile)));
}

} // namespace vox::ui
