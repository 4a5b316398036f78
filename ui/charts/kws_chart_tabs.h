#pragma once
// The Keyword spotting page's charts in tabs: the FA/FR curves of every compared clip run on one
// plot (linear or log axes), each run's point at the current threshold marked; and a stream's
// timeline: the keyword score over time of every compared stream run, the known keyword spans,
// the chosen run's detections coloured hit or false alarm, its misses marked, the threshold.
// Every chart carries the runs' settings; clicking the timeline asks to play that moment.
#include "app/kws/kws_session.h"
#include "core/util/expected.h"

#include <QTabWidget>

class QCustomPlot;

namespace vox::ui {

class KwsChartTabs : public QTabWidget {
    Q_OBJECT
public:
    enum Chart { CurveChart, TimelineChart, ChartCount };

    explicit KwsChartTabs(QWidget* parent = nullptr);

    // `streamRun`: the entry whose detections the timeline shows (-1: the first stream run).
    void draw(app::KwsEntries entries, int streamRun, const app::KwsSession& session);
    void setLogAxes(bool log);
    bool logAxes() const { return m_log; }
    QCustomPlot* plot(Chart chart) const { return m_plots[chart]; }
    static QString fileName(Chart chart); // "fa-fr-curves", "stream-timeline"
    Expected<Done> exportChart(Chart chart, const QString& path) const;
    // The timeline shows the first `seconds` of the stream at first (drag or zoom for the rest).
    static constexpr double kTimelineSeconds = 120;

signals:
    // The timeline was clicked at `seconds` of the stream of entry `run`.
    void timelineClicked(int run, double seconds);

private:
    void drawCurves(const app::KwsSession& session);
    void drawTimeline(const app::KwsSession& session);

    QCustomPlot* m_plots[ChartCount] = {};
    app::KwsEntries m_entries;
    int m_streamRun = -1;
    bool m_log = false;
};

// Which entry the timeline shows: `wanted` when it is a stream run, else the first stream run;
// -1 when there is none.
int timelineRun(const app::KwsEntries& entries, int wanted);

} // namespace vox::ui
