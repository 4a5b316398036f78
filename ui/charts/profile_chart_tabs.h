#pragma once
// The Profiler page's charts in tabs: the top operators by self time (horizontal bars, runs A
// and B side by side) and the time per stage (features, encoder, decoder, outside the stages),
// each with both profiles' device, dtype, utterances, overhead and settings under it.
#include "app/profile/run_profiles.h"
#include "core/util/expected.h"

#include <QTabWidget>

class QCustomPlot;

namespace vox::ui {

class ProfileChartTabs : public QTabWidget {
    Q_OBJECT
public:
    enum Chart { TopChart, StageChart, ChartCount };

    explicit ProfileChartTabs(QWidget* parent = nullptr);

    // Null or a read without profiles: empty charts with their titles.
    void draw(app::RunProfilesPtr profiles, int topN);
    void setTopN(int topN);
    QCustomPlot* plot(Chart chart) const { return m_plots[chart]; }
    static QString fileName(Chart chart); // "top-operators", "stages"
    Expected<Done> exportChart(Chart chart, const QString& path) const;

private:
    void drawTop();
    void drawStages();
    void decorate(QCustomPlot* plot, const QString& title);

    QCustomPlot* m_plots[ChartCount] = {};
    app::RunProfilesPtr m_shown;
    int m_topN = 15;
};

} // namespace vox::ui
