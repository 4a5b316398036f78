#include "ui/charts/comparison_chart_tabs.h"

#include "ui/charts/plot_util.h"

#include <qcustomplot.h>

#include <cmath>

namespace vox::ui {

ComparisonChartTabs::ComparisonChartTabs(QWidget* parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("chartTabs"));
    const QStringList names{tr("WER and CER"), tr("Time per utterance"), tr("Real-time factor"),
                            tr("Speed vs accuracy"), tr("Latency vs duration"), tr("Time histogram")};
    for (int i = 0; i < ChartCount; ++i) {
        m_plots[i] = new QCustomPlot;
        m_plots[i]->setObjectName(QStringLiteral("chart-") + fileName(Chart(i)));
        m_plots[i]->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        addTab(m_plots[i], names[i]);
    }
}

QString ComparisonChartTabs::fileName(Chart chart)
{
    static const char* const names[] = {"wer-cer", "time", "rtf", "speed-accuracy", "latency", "time-histogram"};
    return QString::fromLatin1(names[chart]);
}

void ComparisonChartTabs::drawBars(QCustomPlot* plot, const app::BarSeries& series, const QString& axis, bool whiskers,
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
        bars->setBrush(seriesColor(g));
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

void ComparisonChartTabs::drawSpeedAccuracy(QCustomPlot* plot)
{
    const auto& points = m_data.speedAccuracy;
    double maxX = 0, maxY = 0;
    for (int i = 0; i < points.size(); ++i) {
        auto* g = plot->addGraph();
        g->setName(points[i].label);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(i), 10));
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

void ComparisonChartTabs::drawLatency(QCustomPlot* plot)
{
    double maxX = 0, maxY = 0;
    for (int k = 0; k < m_data.latency.size(); ++k) {
        auto* g = plot->addGraph();
        g->setName(m_data.wer.labels.value(k));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, seriesColor(k), 6));
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

void ComparisonChartTabs::drawHistogram(QCustomPlot* plot)
{
    const auto& h = m_data.times;
    int top = 0;
    for (int k = 0; k < h.counts.size(); ++k) {
        auto* g = plot->addGraph();
        g->setName(m_data.wer.labels.value(k));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(seriesColor(k), 2));
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

void ComparisonChartTabs::draw(const app::ChartData& data)
{
    m_data = data;
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
        // Title above, the settings each figure was measured with below: a chart never travels
        // without them.
        decoratePlot(plot, titles[i], m_data.notes.join(QLatin1Char('\n')), font(), 2);
        plot->replot();
    }
}

Expected<Done> ComparisonChartTabs::exportChart(Chart chart, const QString& path) const
{
    return savePlot(m_plots[chart], path, fileName(chart));
}

} // namespace vox::ui
