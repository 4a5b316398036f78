#include "ui/pages/charts_page.h"

#include "app/results/summary_model.h"
#include "app/results/table_export.h"
#include "app/results/utterance_results_model.h"
#include "ui/pages/plot_util.h"
#include "ui/pages/results_page.h"

#include <qcustomplot.h>

#include <QDir>

#include <cmath>

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace vox::ui {

namespace {

const QList<QColor> kColors{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                            QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};

QColor colorOf(int i)
{
    return kColors[i % kColors.size()];
}

} // namespace

ChartsPage::ChartsPage(const QString& title, const QString& description, ResultsPage* results, QWidget* parent)
    : QWidget(parent), m_results(results), m_tabs(new QTabWidget), m_empty(new QLabel)
{
    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    const QStringList names{tr("WER and CER"), tr("Time per utterance"), tr("Real-time factor"),
                            tr("Speed vs accuracy"), tr("Latency vs duration"), tr("Time histogram")};
    for (int i = 0; i < ChartCount; ++i) {
        m_plots[i] = new QCustomPlot;
        m_plots[i]->setObjectName(QStringLiteral("chart-") + chartFileName(Chart(i)));
        m_plots[i]->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        m_tabs->addTab(m_plots[i], names[i]);
    }
    m_empty->setText(tr("Compare runs on the Results page; their charts appear here."));
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto* titleLabel = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()));
    auto* descriptionLabel = new QLabel(description);
    descriptionLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_empty);
    bar->addStretch(1);
    for (const char* suffix : {"png", "svg", "pdf"}) {
        auto* button = new QPushButton(tr("Export %1…").arg(QString::fromLatin1(suffix).toUpper()));
        button->setObjectName(QStringLiteral("export-") + QString::fromLatin1(suffix));
        connect(button, &QPushButton::clicked, this, [this, suffix] { chooseExport(QString::fromLatin1(suffix)); });
        bar->addWidget(button);
    }
    auto* report = new QPushButton(tr("Export report…"));
    report->setObjectName(QStringLiteral("exportReport"));
    connect(report, &QPushButton::clicked, this, &ChartsPage::chooseReport);
    bar->addWidget(report);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(titleLabel);
    layout->addWidget(descriptionLabel);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);

    connect(m_results, &ResultsPage::comparisonShown, this, &ChartsPage::rebuild);
}

QString ChartsPage::chartFileName(Chart chart)
{
    static const char* const names[] = {"wer-cer", "time", "rtf", "speed-accuracy", "latency", "time-histogram"};
    return QString::fromLatin1(names[chart]);
}

void ChartsPage::decorate(QCustomPlot* plot, const QString& title)
{
    // Title above, the settings each figure was measured with below: a chart never travels
    // without them.
    plot->plotLayout()->insertRow(0);
    auto* head = new QCPTextElement(plot, title, QFont(font().family(), font().pointSize() + 2, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, head);
    plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0,
                                   new QCPTextElement(plot, m_data.notes.join(QLatin1Char('\n')),
                                                      QFont(font().family(), font().pointSize() - 1)));
}

void ChartsPage::drawBars(QCustomPlot* plot, const app::BarSeries& series, const QString& axis, bool whiskers,
                          const app::BarSeries* second, const QString& secondName)
{
    const int groups = second ? 2 : 1;
    auto* group = new QCPBarsGroup(plot);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys;
    for (int i = 0; i < series.labels.size(); ++i) {
        keys << i + 1;
        ticker->addTick(i + 1, series.labels[i]);
    }
    for (int g = 0; g < groups; ++g) {
        const app::BarSeries& s = g == 0 ? series : *second;
        auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(g == 0 ? axis : secondName);
        bars->setBrush(colorOf(g));
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.7 / groups);
        bars->setBarsGroup(group);
        bars->setData(keys, QVector<double>(s.values.begin(), s.values.end()), true);
        if (whiskers && !s.low.isEmpty()) {
            auto* errors = new QCPErrorBars(plot->xAxis, plot->yAxis);
            errors->removeFromLegend();
            errors->setDataPlottable(bars);
            QVector<double> minus, plus;
            for (int i = 0; i < s.values.size(); ++i) {
                minus << s.values[i] - s.low[i];
                plus << s.high[i] - s.values[i];
            }
            errors->setData(minus, plus);
        }
    }
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(0.4, series.labels.size() + 0.6);
    plot->yAxis->setLabel(second ? tr("%1, %2 (95 % interval)").arg(axis, secondName) : axis);
    double top = 0;
    for (const auto* s : {&series, second})
        if (s)
            for (double v : (s->high.isEmpty() ? s->values : s->high))
                top = std::max(top, v);
    plot->yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    plot->legend->setVisible(groups > 1);
}

void ChartsPage::drawSpeedAccuracy(QCustomPlot* plot)
{
    const auto& points = m_data.speedAccuracy;
    double maxX = 0, maxY = 0;
    for (int i = 0; i < points.size(); ++i) {
        auto* g = plot->addGraph();
        g->setName(points[i].label);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colorOf(i), 10));
        g->addData(points[i].x, points[i].y);
        auto* label = new QCPItemText(plot);
        label->position->setCoords(points[i].x, points[i].y);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(QStringLiteral(" ") + points[i].label);
        maxX = std::max(maxX, points[i].x);
        maxY = std::max(maxY, points[i].y);
    }
    auto* front = plot->addGraph();
    front->setName(tr("Pareto front"));
    front->setPen(QPen(Qt::darkGray, 1.5, Qt::DashLine));
    for (int i : m_data.pareto)
        front->addData(points[i].x, points[i].y);
    plot->xAxis->setLabel(tr("mean time per utterance (ms)"));
    plot->yAxis->setLabel(tr("WER (%)"));
    plot->xAxis->setRange(0, maxX > 0 ? maxX * 1.25 : 1);
    plot->yAxis->setRange(0, maxY > 0 ? maxY * 1.2 : 1);
    plot->legend->setVisible(true);
    // The points sit high (error rates) and right (time): the legend goes where they are not.
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
}

void ChartsPage::drawLatency(QCustomPlot* plot)
{
    double maxX = 0, maxY = 0;
    for (int k = 0; k < m_data.latency.size(); ++k) {
        auto* g = plot->addGraph();
        g->setName(m_data.wer.labels.value(k));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colorOf(k), 6));
        // One setData per run (a point at a time re-sorts: slow for large sets, on the UI thread).
        QVector<double> keys, values;
        keys.reserve(m_data.latency[k].size());
        values.reserve(m_data.latency[k].size());
        for (const auto& p : m_data.latency[k]) {
            keys << p.x;
            values << p.y;
            maxX = std::max(maxX, p.x);
            maxY = std::max(maxY, p.y);
        }
        g->setData(keys, values);
    }
    plot->xAxis->setLabel(tr("audio duration (s)"));
    plot->yAxis->setLabel(tr("time (ms)"));
    plot->xAxis->setRange(0, maxX > 0 ? maxX * 1.05 : 1);
    plot->yAxis->setRange(0, maxY > 0 ? maxY * 1.1 : 1);
    plot->legend->setVisible(true);
}

void ChartsPage::drawHistogram(QCustomPlot* plot)
{
    const auto& h = m_data.times;
    int top = 0;
    for (int k = 0; k < h.counts.size(); ++k) {
        auto* g = plot->addGraph();
        g->setName(m_data.wer.labels.value(k));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(colorOf(k), 2));
        for (int b = 0; b < h.counts[k].size(); ++b) {
            g->addData(h.edges[b], h.counts[k][b]);
            top = std::max(top, h.counts[k][b]);
        }
        if (!h.counts[k].isEmpty())
            g->addData(h.edges.last(), h.counts[k].last());
    }
    plot->xAxis->setLabel(tr("time per utterance (ms)"));
    plot->yAxis->setLabel(tr("utterances"));
    plot->xAxis->setRange(0, h.edges.isEmpty() ? 1 : h.edges.last());
    plot->yAxis->setRange(0, top + 1);
    QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);
    counts->setTickStep(std::max(1.0, std::ceil(top / 8.0))); // whole utterances
    counts->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    plot->yAxis->setTicker(counts);
    plot->legend->setVisible(true);
}

void ChartsPage::rebuild()
{
    const auto comparison = m_results->comparison();
    m_data = comparison ? app::chartData(*comparison) : app::ChartData{};
    m_empty->setVisible(!comparison || comparison->data.runs.empty());
    const QStringList titles{tr("WER and CER (%1 normalizer)").arg(m_data.normalizer),
                             tr("Mean time per utterance"), tr("Real-time factor (compute time / audio time)"),
                             tr("Speed against accuracy"), tr("Latency against audio duration"),
                             tr("Per-utterance time")};
    for (int i = 0; i < ChartCount; ++i) {
        QCustomPlot* plot = m_plots[i];
        resetPlot(plot, Qt::AlignTop | Qt::AlignRight);
        if (m_data.wer.labels.isEmpty()) {
            plot->replot();
            continue;
        }
        switch (Chart(i)) {
        case AccuracyChart: drawBars(plot, m_data.wer, tr("WER %"), true, &m_data.cer, tr("CER %")); break;
        case TimeChart: drawBars(plot, m_data.msPerUtterance, tr("ms per utterance"), false); break;
        case RtfChart: drawBars(plot, m_data.realTimeFactor, tr("real-time factor"), false); break;
        case SpeedAccuracyChart: drawSpeedAccuracy(plot); break;
        case LatencyChart: drawLatency(plot); break;
        case HistogramChart: drawHistogram(plot); break;
        default: break;
        }
        decorate(plot, titles[i]);
        plot->replot();
    }
    emit chartsUpdated();
}

bool ChartsPage::exportChart(Chart chart, const QString& path, QString* error) const
{
    return savePlot(m_plots[chart], path, chartFileName(chart), error);
}

QStringList ChartsPage::exportReport(const QString& folder, QString* error) const
{
    QStringList written;
    auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return QStringList{};
    };
    const auto comparison = m_results->comparison();
    if (!comparison)
        return fail(tr("Compare runs on the Results page first"));
    QDir dir(folder);
    if (!dir.mkpath(QStringLiteral(".")))
        return fail(tr("Could not create %1").arg(folder));
    for (int i = 0; i < ChartCount; ++i) {
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir.filePath(chartFileName(Chart(i)) + QLatin1Char('.') + QLatin1String(suffix));
            QString why;
            if (!exportChart(Chart(i), path, &why))
                return fail(why);
            written << path;
        }
    }
    auto writeText = [&](const QString& name, const QString& text) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0)
            return false;
        written << file.fileName();
        return true;
    };
    const std::pair<const char*, const QAbstractItemModel*> tables[] = {
        {"summary", m_results->summaryModel()}, {"utterances", m_results->utteranceModel()}};
    for (const auto& [name, model] : tables)
        for (auto format : {app::TableFormat::Csv, app::TableFormat::Json, app::TableFormat::Markdown,
                            app::TableFormat::Latex})
            if (!writeText(QString::fromLatin1(name) + QLatin1Char('.') + app::tableFormatSuffix(format),
                           app::exportTable(*model, format)))
                return fail(tr("Could not write into %1").arg(folder));
    for (const auto& r : comparison->data.runs) {
        const auto card = QJsonDocument::fromJson(QByteArray::fromStdString(r.run.cardJson));
        if (!writeText(QStringLiteral("run-%1-card.json").arg(r.run.id), QString::fromUtf8(card.toJson())))
            return fail(tr("Could not write into %1").arg(folder));
    }
    QString readme = tr("# VoxBench report\n\nNormalizer: %1\n\n").arg(m_data.normalizer);
    for (const QString& note : m_data.notes)
        readme += QStringLiteral("- ") + note + QLatin1Char('\n');
    readme += QLatin1Char('\n') + app::exportTable(*m_results->summaryModel(), app::TableFormat::Markdown);
    if (!writeText(QStringLiteral("README.md"), readme))
        return fail(tr("Could not write into %1").arg(folder));
    return written;
}

void ChartsPage::chooseExport(const QString& suffix)
{
    const auto chart = Chart(m_tabs->currentIndex());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), chartFileName(chart) + QLatin1Char('.') + suffix,
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportChart(chart, path, &error))
        m_empty->setText(error), m_empty->show();
}

void ChartsPage::chooseReport()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export report into a folder"));
    if (folder.isEmpty())
        return;
    QString error;
    const QStringList files = exportReport(folder, &error);
    m_empty->setText(files.isEmpty() ? error : tr("Wrote %n file(s) into %1", nullptr, int(files.size())).arg(folder));
    m_empty->show();
}

} // namespace vox::ui
