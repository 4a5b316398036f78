#include "ui/pages/profiler_page.h"

#include "app/profile/operator_table_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "core/profile/profile_json.h"
#include "core/profile/profile_report.h"
#include "ui/pages/plot_util.h"
#include "ui/pages/table_export_button.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
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

#include <algorithm>
#include <map>

namespace vox::ui {

namespace {

const QColor kColorA(0x1f, 0x77, 0xb4), kColorB(0xff, 0x7f, 0x0e);

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
    auto* view = new QTableView;
    view->setObjectName(name);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setDefaultSectionSize(86);
    view->sortByColumn(-1, Qt::AscendingOrder);
    return view;
}

QString percent(const std::optional<double>& rate)
{
    return rate ? QStringLiteral("%1 %").arg(*rate * 100.0, 0, 'f', 1) : QStringLiteral("–");
}

double perUtterance(const profile::OperatorProfile& p, double us)
{
    return us / 1000.0 / double(std::max<int64_t>(1, p.info.utterances));
}

} // namespace

ProfilerPage::ProfilerPage(const QString& title, const QString& description, app::RunListModel* runs,
                           app::RunQueue* queue, QWidget* parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_queue(queue)
    , m_runA(new QComboBox)
    , m_runB(new QComboBox)
    , m_utterances(new QSpinBox)
    , m_topN(new QSpinBox)
    , m_byShapes(new QCheckBox(tr("Group by input shapes")))
    , m_profile(new QPushButton(tr("Profile")))
    , m_state(new QLabel)
    , m_summary(new QLabel)
    , m_tables(new QTabWidget)
    , m_operatorsA(new app::OperatorTableModel(this))
    , m_operatorsB(new app::OperatorTableModel(this))
    , m_comparison(new app::ProfileComparisonModel(this))
    , m_kernels(new app::KernelTableModel(this))
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
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_state->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("profileSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);

    m_viewA = sortedTable(QStringLiteral("operatorsA"), m_operatorsA, app::OperatorTableModel::SortRole, this);
    m_viewB = sortedTable(QStringLiteral("operatorsB"), m_operatorsB, app::OperatorTableModel::SortRole, this);
    m_viewChange = sortedTable(QStringLiteral("operatorChanges"), m_comparison, app::ProfileComparisonModel::SortRole, this);
    for (auto* view : {m_viewA, m_viewB})
        view->setColumnWidth(app::OperatorTableModel::NameColumn, 220);
    m_viewChange->setColumnWidth(app::ProfileComparisonModel::NameColumn, 220);
    m_tables->setObjectName(QStringLiteral("profileTables"));
    m_tables->addTab(m_viewA, tr("Operators A"));
    m_tables->addTab(m_viewB, tr("Operators B"));
    m_tables->addTab(m_viewChange, tr("A → B"));
    auto* kernels = sortedTable(QStringLiteral("deviceKernels"), m_kernels, app::KernelTableModel::SortRole, this);
    kernels->setColumnWidth(app::KernelTableModel::NameColumn, 320);
    m_tables->addTab(kernels, tr("Device kernels"));
    m_tables->setTabToolTip(3, tr("Device time per kernel (CUDA builds of libtorch with Kineto); empty on CPU"));

    auto* charts = new QTabWidget;
    const QString chartNames[ChartCount] = {tr("Top operators"), tr("Stages")};
    for (int i = 0; i < ChartCount; ++i) {
        m_plots[i] = new QCustomPlot;
        m_plots[i]->setObjectName(i == TopChart ? QStringLiteral("chart-top-operators") : QStringLiteral("chart-stages"));
        m_plots[i]->setMinimumWidth(300);
        charts->addTab(m_plots[i], chartNames[i]);
    }

    auto* titleLabel = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()));
    auto* descriptionLabel = new QLabel(description);
    descriptionLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* choose = new QHBoxLayout;
    auto* labelA = new QLabel(tr("Run &A"));
    labelA->setBuddy(m_runA);
    auto* labelB = new QLabel(tr("compared with &B"));
    labelB->setBuddy(m_runB);
    auto* labelN = new QLabel(tr("&Utterances"));
    labelN->setBuddy(m_utterances);
    for (QWidget* w : std::initializer_list<QWidget*>{labelA, m_runA, labelB, m_runB, labelN, m_utterances, m_profile})
        choose->addWidget(w);
    choose->addWidget(m_state, 1);

    auto* tableBar = new QHBoxLayout;
    tableBar->addWidget(m_byShapes);
    tableBar->addStretch(1);
    auto* exportTable = tableExportButton(this,
                                          {{tr("Operators A"), m_operatorsA}, {tr("Operators B"), m_operatorsB},
                                           {tr("A → B"), m_comparison}, {tr("Device kernels"), m_kernels}},
                                          QStringLiteral("operators"), [this](const QString& why) { m_state->setText(why); });
    exportTable->setObjectName(QStringLiteral("profileExportTable"));
    tableBar->addWidget(exportTable);
    auto* trace = new QPushButton(tr("Export trace…"));
    trace->setObjectName(QStringLiteral("profileExportTrace"));
    trace->setToolTip(tr("Run A's profile as a Chrome trace (JSON) for Perfetto or chrome://tracing"));
    connect(trace, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export trace"), QStringLiteral("trace.json"));
        QString error;
        if (!path.isEmpty() && !exportTrace(path, &error))
            m_state->setText(error);
    });
    tableBar->addWidget(trace);

    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(m_topN);
    chartBar->addStretch(1);
    auto* exportChartButton = new QPushButton(tr("Export chart…"));
    exportChartButton->setObjectName(QStringLiteral("profileExportChart"));
    auto* chartMenu = new QMenu(exportChartButton);
    for (const char* suffix : {"png", "svg", "pdf"}) {
        chartMenu->addAction(QString::fromLatin1(suffix).toUpper(), this, [this, charts, suffix] {
            const auto chart = Chart(charts->currentIndex());
            const QString name = chart == TopChart ? QStringLiteral("top-operators") : QStringLiteral("stages");
            const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), name + QLatin1Char('.') + QLatin1String(suffix));
            QString error;
            if (!path.isEmpty() && !exportChart(chart, path, &error))
                m_state->setText(error);
        });
    }
    exportChartButton->setMenu(chartMenu);
    chartBar->addWidget(exportChartButton);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(tableBar);
    leftLayout->addWidget(m_tables, 1);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(chartBar);
    rightLayout->addWidget(charts, 1);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(titleLabel);
    layout->addWidget(descriptionLabel);
    layout->addLayout(choose);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_runs, &QAbstractItemModel::modelReset, this, &ProfilerPage::fillRunCombos);
    connect(m_runA, &QComboBox::activated, this, &ProfilerPage::reload);
    connect(m_runB, &QComboBox::activated, this, &ProfilerPage::reload);
    connect(m_profile, &QPushButton::clicked, this, [this] { profileChosen(false); });
    connect(m_byShapes, &QCheckBox::toggled, this, [this] { show(m_shown); });
    connect(m_topN, &QSpinBox::valueChanged, this, &ProfilerPage::drawTop);
    fillRunCombos();
}

void ProfilerPage::setProject(const QString& path)
{
    m_project = path;
    m_shown.reset();
    show(nullptr);
}

void ProfilerPage::fillRunCombos()
{
    const qint64 a = m_runA->currentData().toLongLong(), b = m_runB->currentData().toLongLong();
    m_runA->clear();
    m_runB->clear();
    m_runB->addItem(tr("(none)"), qint64(0));
    for (const auto& r : m_runs->runs()) {
        const QString text = tr("Run %1: %2 on %3").arg(r.id).arg(r.variant, r.dataset);
        m_runA->addItem(text, r.id);
        m_runB->addItem(text, r.id);
        m_runA->setItemData(m_runA->count() - 1, r.settings, Qt::ToolTipRole);
        m_runB->setItemData(m_runB->count() - 1, r.settings, Qt::ToolTipRole);
    }
    m_runA->setCurrentIndex(std::max(0, m_runA->findData(a)));
    // Nothing chosen yet: the first two runs, side by side.
    m_runB->setCurrentIndex(a == 0 && m_runB->count() > 2 ? 2 : std::max(0, m_runB->findData(b)));
    const bool any = m_runA->count() > 0;
    m_profile->setEnabled(any && !m_capturing);
    if (!m_capturing)
        m_state->setText(any ? QString() : tr("Run a variant on the Runs page, then profile it here."));
    if (any && !m_project.isEmpty())
        reload();
}

void ProfilerPage::showRuns(qint64 runA, qint64 runB)
{
    m_runA->setCurrentIndex(std::max(0, m_runA->findData(runA)));
    m_runB->setCurrentIndex(std::max(0, m_runB->findData(runB)));
    reload();
}

void ProfilerPage::reload()
{
    const qint64 a = m_runA->currentData().toLongLong();
    if (m_project.isEmpty() || a <= 0)
        return;
    const qint64 b = m_runB->currentData().toLongLong();
    const int ticket = ++m_loading;
    auto* watcher = new QFutureWatcher<app::RunProfilesPtr>(this);
    connect(watcher, &QFutureWatcher<app::RunProfilesPtr>::finished, this, [this, watcher, ticket] {
        watcher->deleteLater();
        if (ticket == m_loading)
            show(watcher->result());
    });
    watcher->setFuture(app::loadRunProfiles(m_project, a, b == a ? 0 : b));
}

void ProfilerPage::profileChosen(bool again)
{
    if (!m_shown || m_capturing)
        return;
    QList<qint64> runs;
    if (again || !m_shown->a.present())
        runs << m_shown->a.runId;
    if (m_shown->b && (again || !m_shown->b->present()))
        runs << m_shown->b->runId;
    if (runs.isEmpty() && !again)
        return profileChosen(true);
    capture(runs);
}

void ProfilerPage::capture(QList<qint64> runs)
{
    if (runs.isEmpty()) {
        m_capturing = false;
        m_profile->setEnabled(true);
        m_state->setText(tr("Profiled."));
        reload();
        emit captureFinished({});
        return;
    }
    m_capturing = true;
    m_profile->setEnabled(false);
    const qint64 run = runs.takeFirst();
    m_state->setText(tr("Profiling run %1 on %n utterance(s)…", nullptr, m_utterances->value()).arg(run));
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, runs] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (!error.isEmpty()) {
            m_capturing = false;
            m_profile->setEnabled(true);
            m_state->setText(tr("Not profiled: %1").arg(error));
            emit captureFinished(error);
            return;
        }
        capture(runs);
    });
    // Times measured while runs execute share the CPU with them: the profile says so.
    const int executing = m_queue ? m_queue->activeCount() : 0;
    const QString conditions = executing > 0 ? tr("%n run(s) executing in VoxBench", nullptr, executing) : QString();
    watcher->setFuture(app::captureRunProfile(m_project, run, m_utterances->value(), conditions));
}

QString ProfilerPage::describe(const app::RunProfile& run, const QString& letter) const
{
    QString line = QStringLiteral("<b>%1</b> · %2 · WER %3 · CER %4").arg(letter, run.variant.toHtmlEscaped(), percent(run.wer), percent(run.cer));
    if (!run.present())
        return line + QStringLiteral(" · <i>%1</i>").arg(tr("no profile yet: press Profile"));
    const auto& p = *run.profile;
    if (!p.info.conditions.empty())
        line += QStringLiteral(" · <span style='color:#a05a00'>%1</span>")
                    .arg(tr("measured while %1").arg(QString::fromStdString(p.info.conditions)).toHtmlEscaped());
    return line + QStringLiteral(" · ") +
           tr("%1 ms per utterance profiled (%2 without the profiler: overhead %3 %) · self times %4 % of the total · %5 utterances · %6, %7, %8")
               .arg(perUtterance(p, p.wallUs), 0, 'f', 1)
               .arg(p.info.plainMs / double(std::max<int64_t>(1, p.info.utterances)), 0, 'f', 1)
               .arg(100.0 * p.info.overhead(), 0, 'f', 1)
               .arg(100.0 * p.accounted(), 0, 'f', 1)
               .arg(p.info.utterances)
               .arg(QString::fromStdString(p.info.device), QString::fromStdString(p.info.dtype),
                    QString::fromStdString(profile::settingsLine(p.info)).toHtmlEscaped());
}

void ProfilerPage::show(app::RunProfilesPtr profiles)
{
    m_shown = std::move(profiles);
    const bool byShapes = m_byShapes->isChecked();
    const auto* s = m_shown.get();
    m_operatorsA->setProfile(s && s->ok() ? s->a.profile : nullptr, byShapes);
    m_operatorsB->setProfile(s && s->ok() && s->b ? s->b->profile : nullptr, byShapes);
    m_comparison->setProfiles(s && s->ok() ? s->a.profile : nullptr, s && s->ok() && s->b ? s->b->profile : nullptr);
    for (auto* view : {m_viewA, m_viewB})
        view->setColumnHidden(app::OperatorTableModel::ShapesColumn, !byShapes);
    m_tables->setTabEnabled(1, s && s->b);
    m_tables->setTabEnabled(2, s && s->b && s->b->present() && s->a.present());
    m_kernels->setProfiles({{QStringLiteral("A"), s && s->ok() ? s->a.profile : nullptr},
                            {QStringLiteral("B"), s && s->ok() && s->b ? s->b->profile : nullptr}});
    m_tables->setTabEnabled(3, m_kernels->rowCount() > 0);
    if (!s) {
        m_summary->clear();
    } else if (!s->ok()) {
        m_summary->setText(tr("Cannot read the profiles: %1").arg(s->error.toHtmlEscaped()));
    } else {
        QStringList lines{describe(s->a, QStringLiteral("A"))};
        if (s->b) {
            lines << describe(*s->b, QStringLiteral("B"));
            if (s->a.present() && s->b->present()) {
                const auto& c = m_comparison->comparison();
                auto points = [](const std::optional<double>& x, const std::optional<double>& y) {
                    return x && y ? QStringLiteral("%1%2 pt").arg(*y >= *x ? QStringLiteral("+") : QString()).arg(100.0 * (*y - *x), 0, 'f', 1)
                                  : QStringLiteral("–");
                };
                lines << tr("<b>B − A</b>: WER %1 · CER %2 · time %3%4 ms per utterance")
                             .arg(points(s->a.wer, s->b->wer), points(s->a.cer, s->b->cer))
                             .arg(c.totalMsB >= c.totalMsA ? QStringLiteral("+") : QString())
                             .arg(c.totalMsB - c.totalMsA, 0, 'f', 1);
            }
        }
        m_summary->setText(lines.join(QStringLiteral("<br>")));
    }
    drawTop();
    drawStages();
    emit profilesShown();
}

void ProfilerPage::decorate(QCustomPlot* plot, const QString& title)
{
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(font().family(), font().pointSize() + 1, QFont::Bold)));
    QStringList notes;
    for (const app::RunProfile* r : {m_shown ? &m_shown->a : nullptr, m_shown && m_shown->b ? &*m_shown->b : nullptr})
        if (r && r->present())
            notes << tr("%1: %2, %3; %4 utterances; profiler overhead %5 %")
                         .arg(r == &m_shown->a ? QStringLiteral("A") : QStringLiteral("B"),
                              QString::fromStdString(r->profile->info.device),
                              QString::fromStdString(r->profile->info.dtype))
                         .arg(r->profile->info.utterances)
                         .arg(100.0 * r->profile->info.overhead(), 0, 'f', 1)
                  << QStringLiteral("    ") + QString::fromStdString(profile::settingsLine(r->profile->info));
    plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0,
                                   new QCPTextElement(plot, notes.join(QLatin1Char('\n')), QFont(font().family(), font().pointSize() - 1)));
}

void ProfilerPage::drawTop()
{
    QCustomPlot* plot = m_plots[TopChart];
    resetPlot(plot, Qt::AlignBottom | Qt::AlignRight);
    plot->xAxis->setLabel(tr("self time, ms per utterance"));
    const auto* s = m_shown.get();
    const profile::OperatorProfile* a = s && s->ok() && s->a.present() ? s->a.profile.get() : nullptr;
    const profile::OperatorProfile* b = s && s->ok() && s->b && s->b->present() ? s->b->profile.get() : nullptr;
    plot->legend->setVisible(a && b);
    if (a) {
        // The union of both profiles' top operators, largest at the top.
        std::map<std::string, std::pair<double, double>> values;
        for (const auto* p : {a, b})
            if (p)
                for (size_t i = 0; i < p->byName.size() && i < size_t(m_topN->value()); ++i)
                    values[p->byName[i].name];
        for (const auto* p : {a, b})
            if (p)
                for (const auto& r : p->byName)
                    if (auto it = values.find(r.name); it != values.end())
                        (p == a ? it->second.first : it->second.second) = perUtterance(*p, r.selfUs);
        std::vector<std::pair<std::string, std::pair<double, double>>> order(values.begin(), values.end());
        std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
            return std::max(x.second.first, x.second.second) < std::max(y.second.first, y.second.second);
        });
        if (order.size() > size_t(m_topN->value()))
            order.erase(order.begin(), order.end() - m_topN->value());
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        QVector<double> keys, va, vb;
        for (size_t i = 0; i < order.size(); ++i) {
            keys << double(i + 1);
            ticker->addTick(double(i + 1), QString::fromStdString(order[i].first));
            va << order[i].second.first;
            vb << order[i].second.second;
        }
        auto* group = new QCPBarsGroup(plot);
        for (int k = 0; k < (b ? 2 : 1); ++k) {
            auto* bars = new QCPBars(plot->yAxis, plot->xAxis);
            bars->setName(k == 0 ? QStringLiteral("A: ") + s->a.variant : QStringLiteral("B: ") + s->b->variant);
            bars->setBrush(k == 0 ? kColorA : kColorB);
            bars->setPen(Qt::NoPen);
            bars->setWidth(b ? 0.4 : 0.7);
            bars->setBarsGroup(group);
            bars->setData(keys, k == 0 ? va : vb, true);
        }
        plot->yAxis->setTicker(ticker);
        plot->yAxis->setRange(0.3, double(order.size()) + 0.7);
        plot->rescaleAxes(true);
        plot->xAxis->setRangeLower(0);
        plot->xAxis->setRangeUpper(plot->xAxis->range().upper * 1.08);
        plot->yAxis->setRange(0.3, double(order.size()) + 0.7);
    }
    decorate(plot, tr("Top operators by self time"));
    plot->replot();
}

void ProfilerPage::drawStages()
{
    QCustomPlot* plot = m_plots[StageChart];
    resetPlot(plot, Qt::AlignTop | Qt::AlignRight);
    plot->yAxis->setLabel(tr("ms per utterance"));
    const auto* s = m_shown.get();
    const QStringList stages{tr("features"), tr("encoder"), tr("decoder"), tr("outside stages")};
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < stages.size(); ++i)
        ticker->addTick(i + 1, stages[i]);
    plot->xAxis->setTicker(ticker);
    auto* group = new QCPBarsGroup(plot);
    int shown = 0;
    for (const app::RunProfile* r : {s && s->ok() ? &s->a : nullptr, s && s->ok() && s->b ? &*s->b : nullptr}) {
        if (!r || !r->present())
            continue;
        const auto& p = *r->profile;
        QVector<double> keys, values;
        double inStages = 0;
        for (int st = 0; st < profile::kOutside; ++st) {
            keys << st + 1;
            values << perUtterance(p, p.stages[size_t(st)].wallUs);
            inStages += p.stages[size_t(st)].wallUs;
        }
        keys << 4;
        values << perUtterance(p, std::max(0.0, p.wallUs - inStages));
        auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName((r == &s->a ? QStringLiteral("A: ") : QStringLiteral("B: ")) + r->variant);
        bars->setBrush(r == &s->a ? kColorA : kColorB);
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.35);
        bars->setBarsGroup(group);
        bars->setData(keys, values, true);
        ++shown;
    }
    plot->legend->setVisible(shown > 0);
    plot->rescaleAxes(true);
    plot->xAxis->setRange(0.4, 4.6);
    plot->yAxis->setRangeLower(0);
    plot->yAxis->setRangeUpper(std::max(1.0, plot->yAxis->range().upper * 1.1));
    decorate(plot, tr("Time per stage"));
    plot->replot();
}

bool ProfilerPage::exportChart(Chart chart, const QString& path, QString* error) const
{
    return savePlot(m_plots[chart], path, chart == TopChart ? QStringLiteral("top-operators") : QStringLiteral("stages"), error);
}

bool ProfilerPage::exportTrace(const QString& path, QString* error) const
{
    if (!m_shown || !m_shown->ok() || !m_shown->a.present()) {
        if (error)
            *error = tr("Run A has no profile to export");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(QByteArray::fromStdString(profile::chromeTrace(*m_shown->a.profile))) < 0) {
        if (error)
            *error = tr("Could not write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace vox::ui
