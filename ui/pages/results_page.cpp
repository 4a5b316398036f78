#include "ui/pages/results_page.h"

#include "app/results/baseline_models.h"
#include "app/results/breakdown_model.h"
#include "app/results/error_models.h"
#include "app/results/summary_model.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"
#include "ui/pages/analysis_tabs.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/page_header.h"
#include "ui/pages/table_views.h"
#include "ui/pages/run_checklist.h"
#include "ui/pages/table_export_button.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace vox::ui {

namespace {

QTableView* table(const QString& name)
{
    auto* view = makeTableView(name);
    view->setSortingEnabled(true);
    return view;
}

} // namespace

ResultsPage::ResultsPage(const PageInfo& info, app::ComparisonSession* comparison, QWidget* parent)
    : QWidget(parent)
    , m_session(comparison)
    , m_runList(new RunChecklist)
    , m_normalizer(new QComboBox)
    , m_filterMode(new QComboBox)
    , m_worstN(new QSpinBox)
    , m_text(new QLineEdit)
    , m_comparable(new QLabel)
    , m_state(new QLabel)
    , m_tabs(new AnalysisTabs(comparison))
    , m_setLabel(new QLabel)
    , m_clearSet(new QPushButton(tr("Show all")))
    , m_utteranceView(table(QStringLiteral("resultsView")))
    , m_diff(new DiffView)
{
    m_runList->setObjectName(QStringLiteral("compareRunList"));
    m_normalizer->setObjectName(QStringLiteral("normalizerCombo"));
    for (const char* n : app::kNormalizers)
        m_normalizer->addItem(QString::fromLatin1(n), QString::fromLatin1(n));
    m_normalizer->setCurrentIndex(m_normalizer->findData(m_session->normalizer()));
    m_normalizer->setToolTip(tr("How texts are normalized before scoring; the other normalizers' WER is shown too"));
    m_filterMode->setObjectName(QStringLiteral("resultsFilterCombo"));
    m_filterMode->addItems({tr("All utterances"), tr("Errors only"), tr("Changed against the baseline"), tr("Worst N"),
                            tr("No speech detected")});
    m_filterMode->setItemData(4, tr("Utterances in which a Whisper run's no-speech probability is above its threshold "
                                    "(0.6 where the run set none), or whose text the threshold dropped"),
                              Qt::ToolTipRole);
    m_worstN->setRange(1, 100000);
    m_worstN->setValue(20);
    m_worstN->setPrefix(tr("N = "));
    m_worstN->setEnabled(false);
    m_text->setObjectName(QStringLiteral("resultsTextFilter"));
    m_text->setPlaceholderText(tr("Filter by id, reference or hypothesis"));
    m_text->setClearButtonEnabled(true);
    m_comparable->setObjectName(QStringLiteral("comparableLabel"));
    m_comparable->setWordWrap(true);
    m_comparable->setStyleSheet(QStringLiteral("QLabel { background: #fff3d6; border: 1px solid #e0b050; padding: 6px; }"));
    m_comparable->hide();
    m_state->setForegroundRole(QPalette::PlaceholderText);

    m_setLabel->setObjectName(QStringLiteral("utteranceSetLabel"));
    m_clearSet->setObjectName(QStringLiteral("clearUtteranceSetButton"));
    m_setLabel->setStyleSheet(QStringLiteral("QLabel { background: #e8f0fb; border: 1px solid #9db8e0; padding: 3px; }"));
    m_setLabel->hide();
    m_clearSet->hide();
    m_utteranceView->setModel(utteranceFilter());
    m_utteranceView->sortByColumn(-1, Qt::AscendingOrder);
    m_utteranceView->horizontalHeader()->setDefaultSectionSize(90);

    auto* top = new QHBoxLayout;
    auto* runColumn = new QVBoxLayout;
    runColumn->addWidget(new QLabel(tr("Runs to compare (the first checked is the baseline)")));
    runColumn->addWidget(m_runList);
    top->addLayout(runColumn, 3);
    auto* options = new QVBoxLayout;
    auto* normalizerLabel = new QLabel(tr("&Normalizer"));
    normalizerLabel->setBuddy(m_normalizer);
    options->addWidget(normalizerLabel);
    options->addWidget(m_normalizer);
    options->addWidget(m_state);
    options->addStretch(1);
    top->addLayout(options, 1);

    auto* exportButton = tableExportButton(this,
                                           {{tr("Summary"), summaryModel()},
                                            {tr("Against the baseline"), m_session->verdictModel()},
                                            {tr("Breakdown (the field shown)"), m_session->breakdownModel()},
                                            {tr("Broken and fixed"), m_session->changeModel()},
                                            {tr("Confusions"), m_session->confusionModel()},
                                            {tr("Hallucination signals"), m_session->hallucinationModel()},
                                            {tr("Utterances (as filtered)"), utteranceFilter()}},
                                           QStringLiteral("results"), [this](const QString& why) { m_state->setText(why); });
    exportButton->setObjectName(QStringLiteral("exportTableButton"));

    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(m_filterMode);
    filterBar->addWidget(m_worstN);
    filterBar->addWidget(m_text, 1);
    filterBar->addWidget(exportButton);
    auto* scliteButton = new QPushButton(tr("sclite files…"));
    scliteButton->setObjectName(QStringLiteral("exportScliteButton"));
    scliteButton->setToolTip(tr("Write each compared run's .pra (aligned utterances) and .dtl (confusion pairs, "
                                "insertions, deletions) into a folder"));
    filterBar->addWidget(scliteButton);

    auto* upper = new QWidget;
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addWidget(m_comparable);
    upperLayout->addLayout(filterBar);
    auto* setBar = new QHBoxLayout; // shown while an analysis row filters the table
    setBar->addWidget(m_setLabel, 1);
    setBar->addWidget(m_clearSet);
    upperLayout->addLayout(setBar);
    upperLayout->addWidget(m_utteranceView, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tabs);
    split->addWidget(upper);
    split->addWidget(m_diff);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);

    auto* layout = new QVBoxLayout(this);
    addPageHeader(layout, info);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_session, &app::ComparisonSession::chosenRunsChanged, this, &ResultsPage::fillRunList);
    connect(m_runList, &RunChecklist::chosen, m_session, &app::ComparisonSession::setChosenRuns);
    connect(m_normalizer, &QComboBox::currentIndexChanged, this,
            [this] { m_session->setNormalizer(m_normalizer->currentData().toString()); });
    connect(m_filterMode, &QComboBox::currentIndexChanged, this, &ResultsPage::applyFilter);
    connect(m_worstN, &QSpinBox::valueChanged, this, &ResultsPage::applyFilter);
    connect(m_text, &QLineEdit::textChanged, utteranceFilter(), &app::UtteranceResultsFilter::setText);
    connect(m_utteranceView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ResultsPage::selectionChanged);
    connect(m_session, &app::ComparisonSession::loadingStarted, this, [this] { m_state->setText(tr("Scoring…")); });
    connect(m_session, &app::ComparisonSession::comparisonFailed, this, [this](const QString& error) { m_state->setText(error); });
    connect(m_session, &app::ComparisonSession::comparisonChanged, this, &ResultsPage::showComparison);
    connect(m_session, &app::ComparisonSession::currentUtteranceChanged, m_diff, &DiffView::show);
    connect(scliteButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Write sclite-style files into"));
        if (!dir.isEmpty())
            m_session->exportScliteFiles(dir);
    });
    connect(m_session, &app::ComparisonSession::scliteFilesWritten, this,
            [this](const QStringList& files) { m_state->setText(tr("Wrote %n file(s)", nullptr, int(files.size()))); });
    connect(m_session, &app::ComparisonSession::scliteFilesFailed, this, [this](const QString& why) { m_state->setText(why); });
    connect(m_tabs, &AnalysisTabs::utterancesChosen, this, &ResultsPage::showUtterances);
    connect(m_clearSet, &QPushButton::clicked, this, [this] { utteranceFilter()->setUtteranceSet(std::nullopt); });
    connect(utteranceFilter(), &app::UtteranceResultsFilter::utteranceSetChanged, this, [this] {
        const auto& set = utteranceFilter()->utteranceSet();
        m_setLabel->setText(set ? tr("Showing %1 (%n utterance(s))", nullptr, int(set->rows.size())).arg(set->label) : QString());
        m_setLabel->setVisible(bool(set));
        m_clearSet->setVisible(bool(set));
    });
}

void ResultsPage::showUtterances(const app::UtteranceSet& set)
{
    utteranceFilter()->setUtteranceSet(set);
    const int focus = set.focus >= 0 ? set.focus : (set.rows.empty() ? -1 : int(set.rows.front()));
    const QModelIndex shown = focus >= 0 ? utteranceFilter()->mapFromSource(utteranceModel()->index(focus, 0)) : QModelIndex();
    if (shown.isValid()) {
        m_utteranceView->selectRow(shown.row());
        m_utteranceView->scrollTo(shown);
    }
}

app::ComparisonPtr ResultsPage::comparison() const
{
    return m_session->comparison();
}

QTableView* ResultsPage::summaryView() const
{
    return m_tabs->summaryView();
}

app::RunSummaryModel* ResultsPage::summaryModel() const
{
    return m_session->summaryModel();
}

app::UtteranceResultsModel* ResultsPage::utteranceModel() const
{
    return m_session->utteranceModel();
}

app::UtteranceResultsFilter* ResultsPage::utteranceFilter() const
{
    return m_session->utteranceFilter();
}

QList<qint64> ResultsPage::checkedRuns() const
{
    return m_runList->checkedRuns();
}

void ResultsPage::fillRunList()
{
    // Speech runs only: keyword spotters are compared on their own page.
    m_runList->setRuns(*m_session->project()->runs(), [](const app::RunInfo& r) { return !r.keywordSpotting(); },
                       m_session->chosenRuns());
}

void ResultsPage::compare(const QList<qint64>& runIds)
{
    m_session->setChosenRuns(runIds);
}

void ResultsPage::showComparison()
{
    const auto comparison = m_session->comparison();
    m_state->setText(comparison ? tr("%n utterance(s)", nullptr, int(comparison->data.rows.size())) : QString());
    m_utteranceView->horizontalHeader()->resizeSection(app::UtteranceResultsModel::IdColumn, 150);
    m_utteranceView->horizontalHeader()->resizeSection(app::UtteranceResultsModel::ReferenceColumn, 260);
    for (int k = 0; k < utteranceModel()->runCount(); ++k)
        m_utteranceView->horizontalHeader()->resizeSection(
            app::UtteranceResultsModel::column(k, app::UtteranceResultsModel::HypothesisColumn), 260);
    QStringList notes;
    if (comparison)
        for (const auto& n : comparison->data.notComparable)
            notes << QString::fromStdString(n).toHtmlEscaped();
    m_comparable->setText(tr("<b>Not comparable:</b> these runs differ in more than the variant, so their "
                             "differences are not the variants' alone.<br>%1")
                              .arg(notes.join(QStringLiteral("<br>"))));
    m_comparable->setVisible(!notes.isEmpty());
    // The utterance looked at stays selected; else the first.
    const int current = m_session->currentUtterance();
    int keep = utteranceFilter()->rowCount() > 0 ? 0 : -1;
    if (current >= 0) {
        const QModelIndex shown = utteranceFilter()->mapFromSource(utteranceModel()->index(current, 0));
        if (shown.isValid())
            keep = shown.row();
    }
    if (keep >= 0)
        m_utteranceView->selectRow(keep);
    selectionChanged();
    emit comparisonShown();
}

void ResultsPage::applyFilter()
{
    const auto mode = static_cast<app::UtteranceResultsFilter::Mode>(m_filterMode->currentIndex());
    m_worstN->setEnabled(mode == app::UtteranceResultsFilter::Mode::WorstN);
    utteranceFilter()->setMode(mode, m_worstN->value());
}

void ResultsPage::selectionChanged()
{
    const auto rows = m_utteranceView->selectionModel()->selectedRows();
    m_session->setCurrentUtterance(rows.isEmpty() ? -1 : utteranceFilter()->mapToSource(rows.first()).row());
}

} // namespace vox::ui
