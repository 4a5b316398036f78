#pragma once
#include "app/results/chart_data.h"
#include "core/util/expected.h"
#include "ui/charts/comparison_chart_tabs.h"

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace vox::app {
class ComparisonSession;
class KwsSession;
}

namespace vox::ui {

struct PageInfo;

// The Charts page: the compared runs (the comparison session's) as WER and CER bars with
// their 95 % intervals, time per utterance and real-time factor bars, speed against accuracy
// with the Pareto front, latency against audio duration, and the per-utterance time histogram.
// Every chart carries the settings it was measured with. Charts export as PNG, SVG and PDF;
// "Export report" writes a folder with every chart, every table (CSV, JSON, Markdown, LaTeX)
// and the run cards.
class ChartsPage : public QWidget {
    Q_OBJECT
public:
    using Chart = ComparisonChartTabs::Chart;
    using enum ComparisonChartTabs::Chart;

    // `kws` (may be null): keyword spotters compared, for the report.
    ChartsPage(const PageInfo& info, app::ComparisonSession* comparison, app::KwsSession* kws = nullptr,
               QWidget* parent = nullptr);

    const app::ChartData& data() const { return m_tabs->data(); }
    QCustomPlot* plot(Chart chart) const { return m_tabs->plot(chart); }
    static QString chartFileName(Chart chart) { return ComparisonChartTabs::fileName(chart); }

    // Format from the suffix: .png, .svg or .pdf.
    Expected<Done> exportChart(Chart chart, const QString& path) const { return m_tabs->exportChart(chart, path); }
    // Writes the report into `folder` (created); returns the files written. Keyword spotters
    // compared on their page are in it too.
    Expected<QStringList> exportReport(const QString& folder) const;

signals:
    void chartsUpdated();

private:
    void rebuild();
    void chooseExport(const QString& suffix);
    void chooseReport();
    void say(const QString& text);

    app::ComparisonSession* m_comparison;
    app::KwsSession* m_kws;
    ComparisonChartTabs* m_tabs;
    QLabel* m_empty;
};

} // namespace vox::ui
