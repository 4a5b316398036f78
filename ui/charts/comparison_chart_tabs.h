#pragma once
// The comparison's six charts in tabs: WER and CER bars with their 95 % intervals, time per
// utterance and real-time factor bars, speed against accuracy with the Pareto front, latency
// against audio duration, and the per-utterance time histogram. Each carries the settings it
// was measured with. The Charts page shows it; the report writer draws one it never shows.
#include "app/results/chart_data.h"
#include "core/util/expected.h"

#include <QTabWidget>

class QCustomPlot;

namespace vox::ui {

class ComparisonChartTabs : public QTabWidget {
    Q_OBJECT
public:
    enum Chart { AccuracyChart, TimeChart, RtfChart, SpeedAccuracyChart, LatencyChart, HistogramChart, ChartCount };

    explicit ComparisonChartTabs(QWidget* parent = nullptr);

    // Draws every chart from `data` (no labels: empty charts).
    void draw(const app::ChartData& data);
    const app::ChartData& data() const { return m_data; }
    QCustomPlot* plot(Chart chart) const { return m_plots[chart]; }
    static QString fileName(Chart chart); // "wer-cer", "time", ...

    // Format from the suffix: .png, .svg or .pdf.
    Expected<Done> exportChart(Chart chart, const QString& path) const;

private:
    void drawBars(QCustomPlot* plot, const app::BarSeries& series, const QString& axis, bool whiskers,
                  const app::BarSeries* second = nullptr, const QString& secondName = {});
    void drawSpeedAccuracy(QCustomPlot* plot);
    void drawLatency(QCustomPlot* plot);
    void drawHistogram(QCustomPlot* plot);

    QCustomPlot* m_plots[ChartCount] = {};
    app::ChartData m_data;
};

} // namespace vox::ui
