#include "ui/pages/results_page.h"

#include "app/results/summary_model.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/table_export_button.h"

#include <QComboBox>
#include <QPushButton>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace vox::ui {

namespace {

QTableView* table(const QString& name)
{
    auto* view = new QTableView;
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setWordWrap(false);
    view->setSortingEnabled(true);
    return view;
}

} // namespace

ResultsPage::ResultsPage(const QString& title, const QString& description, app::RunListModel* runs,
                         app::RunQueue* queue, QWidget* parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_runList(new QListWidget)
    , m_normalizer(new QComboBox)
    , m_filterMode(new QComboBox)
    , m_worstN(new QSpinBox)
    , m_text(new QLineEdit)
    , m_comparable(new QLabel)
    , m_state(new QLabel)
    , m_summary(new app::RunSummaryModel(this))
    , m_results(new app::UtteranceResultsModel(this))
    , m_filter(new app::UtteranceResultsFilter(this))
    , m_summaryView(table(QStringLiteral("summaryView")))
    , m_utteranceView(table(QStringLiteral("resultsView")))
    , m_diff(new DiffView)
    , m_refresh(new QTimer(this))
{
    m_runList->setObjectName(QStringLiteral("compareRunList"));
    m_runList->setMaximumHeight(84);
    m_normalizer->setObjectName(QStringLiteral("normalizerCombo"));
    for (const char* n : app::kNormalizers)
        m_normalizer->addItem(QString::fromLatin1(n), QString::fromLatin1(n));
    m_normalizer->setCurrentIndex(2);
    m_normalizer->setToolTip(tr("How texts are normalized before scoring; the other normalizers' WER is shown too"));
    m_filterMode->setObjectName(QStringLiteral("resultsFilterCombo"));
    m_filterMode->addItems({tr("All utterances"), tr("Errors only"), tr("Changed against the baseline"), tr("Worst N")});
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
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(1000);

    m_filter->setSourceModel(m_results);
    m_summaryView->setModel(m_summary);
    m_summaryView->setSortingEnabled(false);
    m_summaryView->horizontalHeader()->setStretchLastSection(true);
    m_utteranceView->setModel(m_filter);
    m_utteranceView->sortByColumn(-1, Qt::AscendingOrder);
    m_utteranceView->horizontalHeader()->setDefaultSectionSize(90);

    auto* titleLabel = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()));
    auto* descriptionLabel = new QLabel(description);
    descriptionLabel->setForegroundRole(QPalette::PlaceholderText);

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

    auto* exportButton = tableExportButton(this, {{tr("Summary"), m_summary}, {tr("Utterances (as filtered)"), m_filter}},
                                           QStringLiteral("results"), [this](const QString& why) { m_state->setText(why); });
    exportButton->setObjectName(QStringLiteral("exportTableButton"));

    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(m_filterMode);
    filterBar->addWidget(m_worstN);
    filterBar->addWidget(m_text, 1);
    filterBar->addWidget(exportButton);

    auto* upper = new QWidget;
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addWidget(m_summaryView);
    upperLayout->addWidget(m_comparable);
    upperLayout->addLayout(filterBar);
    upperLayout->addWidget(m_utteranceView, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(upper);
    split->addWidget(m_diff);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(titleLabel);
    layout->addWidget(descriptionLabel);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_runs, &QAbstractItemModel::modelReset, this, &ResultsPage::fillRunList);
    connect(m_runList, &QListWidget::itemChanged, this, [this] {
        if (!m_filling)
            reload();
    });
    connect(m_normalizer, &QComboBox::currentIndexChanged, this, &ResultsPage::reload);
    connect(m_filterMode, &QComboBox::currentIndexChanged, this, &ResultsPage::applyFilter);
    connect(m_worstN, &QSpinBox::valueChanged, this, &ResultsPage::applyFilter);
    connect(m_text, &QLineEdit::textChanged, m_filter, &app::UtteranceResultsFilter::setText);
    connect(m_utteranceView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ResultsPage::selectionChanged);
    connect(m_refresh, &QTimer::timeout, this, &ResultsPage::reload);
    auto touched = [this](qint64 runId) {
        if (checkedRuns().contains(runId))
            scheduleReload();
    };
    connect(queue, &app::RunQueue::batchDone, this, [touched](const app::RunBatch& b) { touched(b.runId); });
    connect(queue, &app::RunQueue::runStopped, this, [touched](qint64 id) { touched(id); });
}

void ResultsPage::setProject(const QString& path)
{
    m_project = path;
}

QList<qint64> ResultsPage::checkedRuns() const
{
    QList<qint64> ids;
    for (int i = 0; i < m_runList->count(); ++i)
        if (m_runList->item(i)->checkState() == Qt::Checked)
            ids << m_runList->item(i)->data(Qt::UserRole).toLongLong();
    return ids;
}

void ResultsPage::fillRunList()
{
    QList<qint64> keep = checkedRuns();
    if (keep.isEmpty() && !m_runs->runs().isEmpty()) {
        // Nothing chosen yet: the latest run of each variant over the latest run's dataset (runs
        // still queued included: their results appear as they come).
        const qint64 dataset = m_runs->runs().last().datasetId;
        QList<qint64> variantsSeen;
        for (auto it = m_runs->runs().crbegin(); it != m_runs->runs().crend(); ++it)
            if (it->datasetId == dataset && it->status != QLatin1String("failed") && !variantsSeen.contains(it->variantId)) {
                variantsSeen << it->variantId;
                keep.prepend(it->id);
            }
    }
    m_filling = true;
    m_runList->clear();
    for (const auto& r : m_runs->runs()) {
        auto* item = new QListWidgetItem(tr("Run %1: %2 on %3 — %4").arg(r.id).arg(r.variant, r.dataset, r.settings),
                                         m_runList);
        item->setData(Qt::UserRole, r.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(keep.contains(r.id) ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    reload();
}

void ResultsPage::compare(const QList<qint64>& runIds)
{
    m_filling = true;
    // Checked runs in the order given: reorder the list so the baseline comes first.
    for (int i = 0; i < m_runList->count(); ++i)
        m_runList->item(i)->setCheckState(Qt::Unchecked);
    for (int k = int(runIds.size()) - 1; k >= 0; --k) {
        for (int i = 0; i < m_runList->count(); ++i) {
            if (m_runList->item(i)->data(Qt::UserRole).toLongLong() == runIds[k]) {
                QListWidgetItem* item = m_runList->takeItem(i);
                m_runList->insertItem(0, item);
                item->setCheckState(Qt::Checked);
                break;
            }
        }
    }
    m_filling = false;
    reload();
}

void ResultsPage::scheduleReload()
{
    if (!m_refresh->isActive())
        m_refresh->start();
}

void ResultsPage::reload()
{
    const QList<qint64> ids = checkedRuns();
    const int generation = ++m_generation;
    if (m_project.isEmpty() || ids.isEmpty()) {
        showComparison(nullptr);
        return;
    }
    m_state->setText(tr("Scoring…"));
    auto* watcher = new QFutureWatcher<app::ComparisonPtr>(this);
    connect(watcher, &QFutureWatcher<app::ComparisonPtr>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            showComparison(watcher->result());
    });
    watcher->setFuture(app::loadComparison(m_project, ids, m_normalizer->currentData().toString()));
}

void ResultsPage::showComparison(app::ComparisonPtr comparison)
{
    // Keep the selected utterance across refreshes.
    const auto selected = m_utteranceView->selectionModel()->selectedRows();
    const QString selectedId = selected.isEmpty() ? QString()
                                                  : selected.first().siblingAtColumn(0).data().toString();
    if (comparison && !comparison->ok()) {
        m_state->setText(comparison->error);
        comparison = nullptr;
    } else {
        m_state->setText(comparison ? tr("%n utterance(s)", nullptr, int(comparison->data.rows.size())) : QString());
    }
    m_summary->setComparison(comparison);
    m_results->setComparison(comparison);
    m_summaryView->resizeColumnsToContents();
    // As tall as its rows: the utterance table below gets the rest.
    const int rows = std::max(1, m_summary->rowCount());
    m_summaryView->setFixedHeight(m_summaryView->horizontalHeader()->sizeHint().height()
                                  + rows * m_summaryView->verticalHeader()->defaultSectionSize()
                                  + 2 * m_summaryView->frameWidth()
                                  + m_summaryView->horizontalScrollBar()->sizeHint().height());
    m_utteranceView->horizontalHeader()->resizeSection(app::UtteranceResultsModel::IdColumn, 150);
    m_utteranceView->horizontalHeader()->resizeSection(app::UtteranceResultsModel::ReferenceColumn, 260);
    for (int k = 0; k < m_results->runCount(); ++k)
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
    int keep = m_filter->rowCount() > 0 ? 0 : -1; // the first utterance, unless one was selected
    for (int i = 0; i < m_filter->rowCount() && !selectedId.isEmpty(); ++i) {
        if (m_filter->index(i, 0).data().toString() == selectedId) {
            keep = i;
            break;
        }
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
    m_filter->setMode(mode, m_worstN->value());
}

void ResultsPage::selectionChanged()
{
    const auto rows = m_utteranceView->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? -1 : m_filter->mapToSource(rows.first()).row();
    m_diff->show(m_results->comparison(), row);
    emit utteranceSelected(m_results->comparison(), row);
}

app::ComparisonPtr ResultsPage::comparison() const
{
    return m_results->comparison();
}

} // namespace vox::ui
