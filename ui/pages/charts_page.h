#pragma once
#include "app/results/chart_data.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTabWidget;

namespace vox::ui {

class ResultsPage;

// The Charts page: the compared runs (the Results page's) as WER and CER bars with their 95 %
// intervals, time per utterance and real-time factor bars, speed against accuracy with the
// Pareto front, latency against audio duration, and the per-utterance time histogram. Every
// chart carries the settings it was measured with. Charts export as PNG, SVG and PDF; "Export
// report" writes a folder with every chart, every table (CSV, JSON, Markdown, LaTeX) and the
// run cards.
class ChartsPage : public QWidget {
    Q_OBJECT
public:
    enum Chart { AccuracyChart, TimeChart, RtfChart, SpeedAccuracyChart, LatencyChart, HistogramChart, ChartCount };

    ChartsPage(const QString& title, const QString& description, ResultsPage* results, QWidget* parent = nullptr);

    const app::ChartData& data() const { return m_data; }
    QCustomPlot* plot(Chart chart) const { return m_plots[chart]; }
    static QString chartFileName(Chart chart); // "wer-cer", "time", ...

    // Format from the suffix: .png, .svg or .pdf. Returns false (with `error`) when not written.
    bool exportChart(Chart chart, const QString& path, QString* error = nullptr) const;
    // Writes the report into `folder` (created); returns the files written, or empty with `error`.
    QStringList exportReport(const QString& folder, QString* error = nullptr) const;

signals:
    void chartsUpdated();

private:
    void rebuild();
    void drawBars(QCustomPlot* plot, const app::BarSeries& series, const QString& axis, bool whiskers,
                  const app::BarSeries* second = nullptr, const QString& secondName = {});
    void drawSpeedAccuracy(QCustomPlot* plot);
    void drawLatency(QCustomPlot* plot);
    void drawHistogram(QCustomPlot* plot);
    void decorate(QCustomPlot* plot, const QString& title);
    void chooseExport(const QString& suffix);
    void chooseReport();

    ResultsPage* m_results;
    QTabWidget* m_tabs;
    QLabel* m_empty;
    QCustomPlot* m_plots[ChartCount] = {};
    app::ChartData m_data;
};

} // namespace vox::ui
