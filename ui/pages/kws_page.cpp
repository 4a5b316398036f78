#include "ui/pages/kws_page.h"

#include "app/format/numbers.h"
#include "app/kws/kws_clip_model.h"
#include "app/kws/kws_models.h"
#include "app/kws/kws_session.h"
#include "app/run/run_list_model.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"
#include "ui/pages/page_header.h"
#include "ui/pages/table_views.h"
#include "ui/pages/run_checklist.h"
#include "ui/pages/table_export_button.h"

#include <QAudioOutput>
#include <QCoreApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMediaPlayer>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace vox::ui {

namespace {

const QColor kGood(0x20, 0x80, 0x20), kBad(0xb0, 0x20, 0x20);

// Sorting, and the colours the models leave to the widgets: pass green, fail red.
class PassColours : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::ForegroundRole && index.column() == app::KwsSummaryModel::PassColumn) {
            const QVariant passed = QSortFilterProxyModel::data(index, app::KwsSummaryModel::PassedRole);
            if (passed.isValid())
                return QBrush(passed.toBool() ? kGood : kBad);
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

// A clip's false alarm or miss in red; sorting and filtering stay with the clip filter below.
class OutcomeColours : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::ForegroundRole) {
            const QVariant outcome = QIdentityProxyModel::data(index, app::KwsClipModel::OutcomeRole);
            if (outcome.isValid() && (outcome.toInt() == int(app::ClipOutcome::FalseAlarm)
                                      || outcome.toInt() == int(app::ClipOutcome::Miss)))
                return QBrush(kBad);
        }
        return QIdentityProxyModel::data(index, role);
    }
};

QTableView* table(const QString& name, QAbstractItemModel* model, int sortRole, QObject* parent)
{
    auto* view = makeTableView(name);
    QAbstractProxyModel* proxy = nullptr;
    if (qobject_cast<QSortFilterProxyModel*>(model)) {
        proxy = new OutcomeColours(parent); // the clip filter sorts and filters
    } else {
        auto* sorted = new PassColours(parent);
        sorted->setSortRole(sortRole);
        proxy = sorted;
    }
    proxy->setSourceModel(model);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    return view;
}

QString noRunsText()
{
    return QCoreApplication::translate("vox::ui::KwsPage",
                                       "Run a keyword-spotting variant on the Runs page (a KWS package over a clip set or "
                                       "a stream, such as the demo's), then compare the variants here.");
}

} // namespace

KwsPage::KwsPage(const PageInfo& info, app::KwsSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_runList(new RunChecklist)
    , m_passMark(new QDoubleSpinBox)
    , m_faTarget(new QDoubleSpinBox)
    , m_threshold(new QSlider(Qt::Horizontal))
    , m_thresholdText(new QLabel)
    , m_ownThresholds(new QCheckBox(tr("Each package's own")))
    , m_state(new QLabel)
    , m_clipFilter(new QComboBox)
    , m_streamRun(new QComboBox)
    , m_logAxes(new QCheckBox(tr("Log axes")))
    , m_charts(new KwsChartTabs)
{
    m_runList->setObjectName(QStringLiteral("kwsRunList"));
    m_passMark->setObjectName(QStringLiteral("kwsPassMark"));
    m_passMark->setDecimals(6);
    m_passMark->setRange(0, 1);
    m_passMark->setSingleStep(1e-5);
    m_passMark->setValue(m_session->targets().areaPassMark);
    m_passMark->setToolTip(tr("A variant whose area is at or below this passes"));
    m_faTarget->setObjectName(QStringLiteral("kwsFaTarget"));
    m_faTarget->setRange(0, 100);
    m_faTarget->setDecimals(2);
    m_faTarget->setSuffix(QStringLiteral(" %"));
    m_faTarget->setValue(100 * m_session->targets().falseAlarmRate);
    m_faTarget->setToolTip(tr("FRR is read at this clip false-alarm rate"));
    m_threshold->setObjectName(QStringLiteral("kwsThreshold"));
    m_threshold->setMinimumWidth(120);
    m_threshold->setRange(0, kSliderSteps);
    m_threshold->setToolTip(tr("Re-scores the stored probabilities and stream scores: no run again"));
    m_thresholdText->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.000 ")));
    m_ownThresholds->setObjectName(QStringLiteral("kwsOwnThresholds"));
    m_ownThresholds->setChecked(true);
    m_ownThresholds->setToolTip(tr("Score every run at its package's detection threshold"));
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_state->setWordWrap(true);
    m_clipFilter->setObjectName(QStringLiteral("kwsClipFilter"));
    m_clipFilter->addItems({tr("All clips"), tr("False alarms"), tr("Misses")});
    m_streamRun->setObjectName(QStringLiteral("kwsStreamRun"));
    m_streamRun->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_streamRun->setMinimumContentsLength(10);
    m_streamRun->setToolTip(tr("The run whose detections the timeline shows"));
    m_logAxes->setObjectName(QStringLiteral("kwsLogAxes"));

    m_summaryView = table(QStringLiteral("kwsSummaryView"), m_session->summaryModel(), app::KwsSummaryModel::SortRole, this);
    m_summaryView->setSortingEnabled(false);
    m_summaryView->horizontalHeader()->setStretchLastSection(true);
    m_costView = table(QStringLiteral("kwsCostView"), m_session->costModel(), app::KwsCostModel::SortRole, this);
    m_costView->horizontalHeader()->setStretchLastSection(true);
    m_clipView = table(QStringLiteral("kwsClipView"), m_session->clipFilter(), app::KwsClipModel::SortRole, this);
    m_clipView->horizontalHeader()->setDefaultSectionSize(110);
    m_clipView->horizontalHeader()->setSectionResizeMode(app::KwsClipModel::LabelColumn, QHeaderView::ResizeToContents);

    // The runs and what they are judged by.
    auto* top = new QHBoxLayout;
    auto* runColumn = new QVBoxLayout;
    runColumn->addWidget(new QLabel(tr("Runs to compare (the first checked is the baseline)")));
    runColumn->addWidget(m_runList);
    top->addLayout(runColumn, 3);
    auto* options = new QGridLayout;
    auto* passLabel = new QLabel(tr("&Pass mark (area)"));
    passLabel->setBuddy(m_passMark);
    auto* faLabel = new QLabel(tr("FRR at &FA rate"));
    faLabel->setBuddy(m_faTarget);
    auto* thresholdLabel = new QLabel(tr("&Threshold"));
    thresholdLabel->setBuddy(m_threshold);
    options->addWidget(passLabel, 0, 0);
    options->addWidget(m_passMark, 0, 1);
    options->addWidget(faLabel, 0, 2);
    options->addWidget(m_faTarget, 0, 3);
    options->addWidget(thresholdLabel, 1, 0);
    options->addWidget(m_threshold, 1, 1, 1, 2);
    options->addWidget(m_thresholdText, 1, 3);
    options->addWidget(m_ownThresholds, 2, 1, 1, 3);
    options->addWidget(m_state, 3, 0, 1, 4);
    top->addLayout(options, 2);

    // Tables on the left, charts on the right.
    auto* exportTable = tableExportButton(this,
                                          {{tr("Summary"), m_session->summaryModel()}, {tr("Cost"), m_session->costModel()},
                                           {tr("Clips (as filtered)"), m_session->clipFilter()}},
                                          QStringLiteral("kws"), [this](const QString& why) { m_state->setText(why); });
    exportTable->setObjectName(QStringLiteral("kwsExportTable"));
    auto* clipText = new QLineEdit;
    clipText->setObjectName(QStringLiteral("kwsClipText"));
    clipText->setPlaceholderText(tr("Filter by clip or label"));
    clipText->setClearButtonEnabled(true);
    auto* clipPage = new QWidget;
    auto* clipLayout = new QVBoxLayout(clipPage);
    clipLayout->setContentsMargins(0, 4, 0, 0);
    auto* clipBar = new QHBoxLayout;
    clipBar->addWidget(m_clipFilter);
    clipBar->addWidget(clipText, 1);
    clipLayout->addLayout(clipBar);
    clipLayout->addWidget(m_clipView, 1);
    auto* tables = new QTabWidget;
    tables->setObjectName(QStringLiteral("kwsTables"));
    tables->addTab(clipPage, tr("Clips"));
    tables->addTab(m_costView, tr("Cost and ratios"));
    tables->setCornerWidget(exportTable);

    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(m_logAxes);
    chartBar->addWidget(new QLabel(tr("Stream run")));
    chartBar->addWidget(m_streamRun, 1);
    auto* exportChartButton = chartExportButton(
        this, [this] { return KwsChartTabs::fileName(Chart(m_charts->currentIndex())); },
        [this](const QString& path) { return exportChart(Chart(m_charts->currentIndex()), path); },
        [this](const QString& why) { m_state->setText(why); });
    exportChartButton->setObjectName(QStringLiteral("kwsExportChart"));
    chartBar->addWidget(exportChartButton);
    auto* split = sideBySide(tables, underBar(chartBar, m_charts));

    auto* layout = new QVBoxLayout(this);
    addPageHeader(layout, info);
    layout->addLayout(top);
    layout->addWidget(m_summaryView);
    layout->addWidget(split, 1);

    connect(m_session, &app::KwsSession::chosenRunsChanged, this, &KwsPage::fillRunList);
    connect(m_runList, &RunChecklist::chosen, m_session, &app::KwsSession::setChosenRuns);
    connect(m_session, &app::KwsSession::loadingStarted, this, [this] { m_state->setText(tr("Reading the runs…")); });
    connect(m_session, &app::KwsSession::readFailed, this, [this](const QString& error) { m_state->setText(error); });
    connect(m_session, &app::KwsSession::entriesChanged, this, &KwsPage::show);
    connect(m_session, &app::KwsSession::rescored, this, &KwsPage::rescored);
    connect(m_threshold, &QSlider::valueChanged, this, &KwsPage::sliderMoved);
    connect(m_ownThresholds, &QCheckBox::toggled, this, [this](bool own) {
        if (own)
            m_session->setThreshold(std::nullopt);
        else
            m_session->setThreshold(double(m_threshold->value()) / kSliderSteps);
    });
    connect(m_passMark, &QDoubleSpinBox::editingFinished, this, &KwsPage::readTargets);
    connect(m_faTarget, &QDoubleSpinBox::editingFinished, this, &KwsPage::readTargets);
    connect(m_clipFilter, &QComboBox::currentIndexChanged, this, [this](int mode) {
        m_session->clipFilter()->setMode(static_cast<app::KwsClipFilter::Mode>(mode));
    });
    connect(clipText, &QLineEdit::textChanged, m_session->clipFilter(), &app::KwsClipFilter::setText);
    connect(m_logAxes, &QCheckBox::toggled, this, [this](bool log) {
        m_charts->setLogAxes(log);
        m_charts->draw(m_session->entries(), m_streamRun->currentData().toInt(), *m_session);
    });
    connect(m_streamRun, &QComboBox::activated, this,
            [this] { m_charts->draw(m_session->entries(), m_streamRun->currentData().toInt(), *m_session); });
    connect(m_charts, &KwsChartTabs::timelineClicked, this, &KwsPage::play);
    fillRunList();
    show();
}

KwsPage::~KwsPage() = default;

void KwsPage::fillRunList()
{
    m_runList->setRuns(*m_session->project()->runs(), [](const app::RunInfo& r) { return r.keywordSpotting(); },
                       m_session->chosenRuns());
    updateState();
}

void KwsPage::fillStreamRuns()
{
    const int wanted = m_streamRun->currentData().isValid() ? m_streamRun->currentData().toInt() : -1;
    m_streamRun->clear();
    const auto entries = m_session->entries();
    if (entries)
        for (int i = 0; i < int(entries->size()); ++i)
            if (!(*entries)[size_t(i)].data.streams.empty())
                m_streamRun->addItem(tr("Run %1: %2").arg((*entries)[size_t(i)].data.run.id)
                                         .arg(QString::fromStdString((*entries)[size_t(i)].data.variant)), i);
    m_streamRun->setCurrentIndex(std::max(0, m_streamRun->findData(timelineRun(entries, wanted))));
    m_streamRun->setEnabled(m_streamRun->count() > 1);
}

void KwsPage::show()
{
    const auto entries = m_session->entries();
    // The slider starts at the baseline package's threshold.
    if (entries && !entries->empty() && m_ownThresholds->isChecked()) {
        const QSignalBlocker block(m_threshold);
        m_threshold->setValue(int(std::lround(entries->front().data.package.detection.threshold * kSliderSteps)));
    }
    fillStreamRuns();
    m_summaryView->resizeColumnsToContents();
    const int rows = std::max(1, m_session->summaryModel()->rowCount());
    m_summaryView->setFixedHeight(m_summaryView->horizontalHeader()->sizeHint().height()
                                  + rows * m_summaryView->verticalHeader()->defaultSectionSize()
                                  + 2 * m_summaryView->frameWidth()
                                  + m_summaryView->horizontalScrollBar()->sizeHint().height());
    m_costView->resizeColumnsToContents();
    // Wide enough for the headers ("teacher p(keyword)"), whatever the cells hold.
    auto* header = m_clipView->horizontalHeader();
    for (int c = 0; c < m_session->clipModel()->columnCount(); ++c)
        header->resizeSection(c, std::max(header->sectionSizeHint(c), c == app::KwsClipModel::ClipColumn ? 130 : 90));
    m_charts->draw(entries, m_streamRun->currentData().isValid() ? m_streamRun->currentData().toInt() : -1, *m_session);
    rescored();
    updateState();
    emit entriesShown();
}

void KwsPage::rescored()
{
    const auto entries = m_session->entries();
    const double shown = m_session->threshold().value_or(
        entries && !entries->empty() ? entries->front().data.package.detection.threshold : 0.5);
    m_thresholdText->setText(m_session->threshold() ? app::formatNumber(shown, 3) : tr("%1 (package's)").arg(app::formatNumber(shown, 3)));
    m_charts->draw(entries, m_streamRun->currentData().isValid() ? m_streamRun->currentData().toInt() : -1, *m_session);
}

void KwsPage::sliderMoved(int position)
{
    {
        const QSignalBlocker block(m_ownThresholds);
        m_ownThresholds->setChecked(false);
    }
    m_session->setThreshold(double(position) / kSliderSteps);
}

void KwsPage::readTargets()
{
    auto targets = m_session->targets();
    targets.areaPassMark = m_passMark->value();
    targets.falseAlarmRate = m_faTarget->value() / 100.0;
    m_session->setTargets(targets);
}

void KwsPage::updateState()
{
    const bool anyRun = m_runList->count() > 0;
    const auto entries = m_session->entries();
    if (!anyRun)
        m_state->setText(noRunsText());
    else if (entries && !m_session->isLoading())
        m_state->setText(tr("%n run(s) compared", nullptr, int(entries->size())));
}

void KwsPage::play(int run, double seconds)
{
    const auto entries = m_session->entries();
    if (!entries || run < 0 || run >= int(entries->size()) || (*entries)[size_t(run)].data.streams.empty())
        return;
    const auto& stream = (*entries)[size_t(run)].data.streams.front();
    if (!m_player) { // QtMultimedia reaches the sound server: only when asked to play
        m_player = new QMediaPlayer(this);
        m_output = new QAudioOutput(this);
        m_player->setAudioOutput(m_output);
    }
    const QUrl source = QUrl::fromLocalFile(QString::fromStdString(stream.audioPath));
    if (m_player->source() != source)
        m_player->setSource(source);
    m_player->setPosition(qint64(std::max(0.0, seconds - 1.0) * 1000)); // a second before, to hear it come
    m_player->play();
    m_state->setText(tr("Playing the stream from %1 s").arg(app::formatNumber(std::max(0.0, seconds - 1.0), 1)));
}

} // namespace vox::ui
