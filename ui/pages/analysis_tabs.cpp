#include "ui/pages/analysis_tabs.h"

#include "app/results/baseline_models.h"
#include "app/results/breakdown_model.h"
#include "app/results/error_models.h"
#include "app/results/summary_model.h"
#include "app/session/comparison_session.h"
#include "app/settings/settings_keys.h"
#include "ui/pages/table_views.h"

#include <QBrush>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace vox::ui {

namespace {

// Sorts by the analysis models' SortRole, colours a verdict (worse red, better green), and can
// keep only the confusions the baseline never makes.
class AnalysisProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setNewOnly(bool on)
    {
        m_newOnly = on;
        invalidateFilter();
    }
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        return !m_newOnly
               || !sourceModel()->index(row, app::ConfusionModel::NewColumn, parent).data().toString().isEmpty();
    }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::ForegroundRole && index.column() == app::BaselineVerdictModel::VerdictColumn
            && qobject_cast<const app::BaselineVerdictModel*>(sourceModel())) {
            const auto verdict = scoring::Verdict(sourceModel()->data(mapToSource(index), app::BaselineVerdictModel::VerdictRole).toInt());
            if (verdict == scoring::Verdict::Worse)
                return QBrush(QColor(0xb0, 0x20, 0x20));
            if (verdict == scoring::Verdict::Better)
                return QBrush(QColor(0x1a, 0x7f, 0x37));
        }
        return QSortFilterProxyModel::data(index, role);
    }

private:
    bool m_newOnly = false;
};

QLabel* note(const QString& name)
{
    auto* label = new QLabel;
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QVBoxLayout* pageLayout(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    return layout;
}

} // namespace

AnalysisTabs::AnalysisTabs(app::ComparisonSession* session, QWidget* parent)
    : QTabWidget(parent)
    , m_session(session)
    , m_summary(makeTableView(QStringLiteral("summaryView")))
    , m_field(new QComboBox)
    , m_testNote(note(QStringLiteral("analysisTestNote")))
    , m_signalNote(note(QStringLiteral("hallucinationNote")))
    , m_newOnly(new QCheckBox(tr("Only the errors the baseline never makes")))
{
    setObjectName(QStringLiteral("analysisTabs"));
    setDocumentMode(true);
    m_summary->setModel(session->summaryModel());
    m_summary->horizontalHeader()->setStretchLastSection(true);
    addTab(m_summary, tr("Runs"));

    auto* baseline = new QWidget;
    addTable(baseline, QStringLiteral("verdictView"), session->verdictModel());
    pageLayout(baseline)->addWidget(m_testNote);
    baseline->layout()->addWidget(m_views.back());
    addTab(baseline, tr("Against the baseline"));

    auto* breakdown = new QWidget;
    m_field->setObjectName(QStringLiteral("breakdownFieldCombo"));
    m_field->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_field->setToolTip(tr("Speaker, a field of the dataset's manifest, or the utterance's duration"));
    auto* fieldBar = new QHBoxLayout;
    fieldBar->addWidget(new QLabel(tr("WER by")));
    fieldBar->addWidget(m_field);
    fieldBar->addStretch(1);
    auto* breakdownLayout = pageLayout(breakdown);
    breakdownLayout->addLayout(fieldBar);
    breakdownLayout->addWidget(addTable(breakdown, QStringLiteral("breakdownView"), session->breakdownModel()));
    addTab(breakdown, tr("Breakdowns"));

    auto* changes = new QWidget;
    pageLayout(changes)->addWidget(addTable(changes, QStringLiteral("changesView"), session->changeModel()));
    addTab(changes, tr("Broken and fixed"));

    auto* confusions = new QWidget;
    m_newOnly->setObjectName(QStringLiteral("newConfusionsOnly"));
    auto* confusionLayout = pageLayout(confusions);
    confusionLayout->addWidget(m_newOnly);
    confusionLayout->addWidget(addTable(confusions, QStringLiteral("confusionView"), session->confusionModel()));
    connect(m_newOnly, &QCheckBox::toggled, this,
            [this](bool on) { static_cast<AnalysisProxy*>(view(ConfusionsTab)->model())->setNewOnly(on); });
    addTab(confusions, tr("Confusions"));
    auto* signals_ = new QWidget;
    auto* signalLayout = pageLayout(signals_);
    signalLayout->addWidget(m_signalNote);
    signalLayout->addWidget(addTable(signals_, QStringLiteral("hallucinationView"), session->hallucinationModel()));
    addTab(signals_, tr("Hallucination signals"));

    connect(m_field, &QComboBox::currentIndexChanged, this, [this] {
        if (m_field->currentIndex() >= 0) {
            m_session->breakdownModel()->setField(m_field->currentText());
            app::settings::breakdownField().set(m_field->currentText());
        }
        view(BreakdownTab)->resizeColumnsToContents();
    });
    setCurrentIndex(std::clamp(app::settings::resultsTab().get(), 0, count() - 1));
    connect(this, &QTabWidget::currentChanged, this, [](int tab) { app::settings::resultsTab().set(tab); });
    connect(session, &app::ComparisonSession::comparisonChanged, this, &AnalysisTabs::showComparison);
    showComparison();
}

QTableView* AnalysisTabs::addTable(QWidget* page, const QString& name, QAbstractItemModel* model)
{
    auto* proxy = new AnalysisProxy(page);
    proxy->setSourceModel(model);
    proxy->setSortRole(app::AnalysisModel::SortRole);
    auto* view = makeTableView(name);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    view->setToolTip(tr("Click a row to show its utterances in the table below"));
    const Tab tab = Tab(BaselineTab + m_views.size());
    connect(view, &QAbstractItemView::clicked, this, [this, proxy, tab](const QModelIndex& index) {
        chooseRow(tab, proxy->mapToSource(index).row());
    });
    m_views << view;
    return view;
}

QTableView* AnalysisTabs::view(Tab tab) const
{
    if (tab == RunsTab)
        return m_summary;
    return m_views.value(int(tab) - BaselineTab);
}

void AnalysisTabs::chooseRow(Tab tab, int row)
{
    QTableView* v = view(tab);
    if (!v)
        return;
    auto* proxy = static_cast<QSortFilterProxyModel*>(v->model());
    const auto* model = qobject_cast<const app::AnalysisModel*>(proxy->sourceModel());
    if (!model)
        return;
    if (auto set = model->utterancesOf(row))
        emit utterancesChosen(*set);
}

void AnalysisTabs::showComparison()
{
    const auto comparison = m_session->comparison();
    const auto* analysis = comparison ? &comparison->analysis : nullptr;
    const QString field = m_field->currentIndex() >= 0 ? m_field->currentText() : app::settings::breakdownField().get();
    {
        const QSignalBlocker block(m_field);
        m_field->clear();
        m_field->addItems(m_session->breakdownModel()->fields());
        m_field->setCurrentIndex(std::max(0, m_field->findText(field)));
    }
    m_session->breakdownModel()->setField(m_field->currentText());
    const int against = analysis ? int(analysis->against.size()) : 0;
    setTabText(BaselineTab, against ? tr("Against the baseline (%1)").arg(against) : tr("Against the baseline"));
    const int signalCount = analysis ? int(analysis->hallucinations.size()) : 0;
    setTabText(HallucinationsTab, signalCount ? tr("Hallucination signals (%1)").arg(signalCount) : tr("Hallucination signals"));
    if (comparison && !comparison->data.runs.empty()) {
        const auto& base = comparison->data.runs.front();
        m_testNote->setText(against == 0 ? tr("Check a second run to compare it with the baseline, %1 (run %2).")
                                                 .arg(QString::fromStdString(base.variant))
                                                 .arg(base.run.id)
                                         : tr("Baseline: %1 (run %2), normalizer %3; %4.")
                                               .arg(QString::fromStdString(base.variant))
                                               .arg(base.run.id)
                                               .arg(QString::fromStdString(comparison->data.normalizer),
                                                    QString::fromStdString(run::describeAnalysisSettings(analysis->options))));
        const auto& o = analysis->options;
        const QString none = signalCount == 0 ? tr("No hypothesis shows a signal. ") : QString();
        m_signalNote->setText(none + tr("Signals: a hypothesis at least %1 times as long as its reference and %2 words longer; an n-gram "
                                 "of up to %3 words repeated %4 times or more in a row (more often than the reference "
                                 "repeats it); text where the reference is empty or Whisper's no-speech probability "
                                 "is above the run's threshold.")
                                  .arg(o.longerRatio)
                                  .arg(o.longerByWords)
                                  .arg(o.repeatMaxN)
                                  .arg(o.repeatTimes));
    } else {
        m_testNote->setText(tr("Check two or more runs above: each is compared with the first."));
        m_signalNote->clear();
    }
    m_summary->resizeColumnsToContents();
    for (QTableView* v : m_views)
        v->resizeColumnsToContents();
    view(BaselineTab)->setColumnHidden(app::BaselineVerdictModel::TestColumn, true); // the note above says it; exports keep it
}

} // namespace vox::ui
