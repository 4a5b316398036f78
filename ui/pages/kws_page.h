#pragma once
#include "core/util/expected.h"
#include "ui/charts/kws_chart_tabs.h"

#include <QWidget>

class QAudioOutput;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QMediaPlayer;
class QSlider;
class QTableView;

namespace vox::app {
class KwsSession;
}

namespace vox::ui {

class RunChecklist;
struct PageInfo;

// The Keyword spotting page: the KWS runs to compare (the first checked is the baseline), the
// area of each variant's FA/FR curve with its pass mark, FRR at a target FA rate, a threshold
// slider that re-scores the stored probabilities and stream scores live (FA/FR, FA per hour,
// the detections), the curves on one plot, a stream timeline (double-click plays that moment),
// the clips with their outcomes (filter: false alarms, misses), and the cost table with the
// ratios to the baseline ("x10 faster, x38 less memory"). A view of the KWS session.
class KwsPage : public QWidget {
    Q_OBJECT
public:
    using Chart = KwsChartTabs::Chart;
    using enum KwsChartTabs::Chart;

    KwsPage(const PageInfo& info, app::KwsSession* session, QWidget* parent = nullptr);
    ~KwsPage() override;

    app::KwsSession* session() const { return m_session; }
    RunChecklist* runList() const { return m_runList; }
    QSlider* thresholdSlider() const { return m_threshold; }
    QTableView* summaryView() const { return m_summaryView; }
    QTableView* clipView() const { return m_clipView; }
    QComboBox* clipFilterCombo() const { return m_clipFilter; }
    KwsChartTabs* charts() const { return m_charts; }
    QCustomPlot* plot(Chart chart) const { return m_charts->plot(chart); }
    Expected<Done> exportChart(Chart chart, const QString& path) const { return m_charts->exportChart(chart, path); }
    QMediaPlayer* player() const { return m_player; } // created on the first play (null before)
    // Slider positions are thousandths of the threshold.
    static constexpr int kSliderSteps = 1000;

signals:
    void entriesShown();

private:
    void fillRunList();
    void fillStreamRuns();
    void show();
    void rescored();
    void sliderMoved(int position);
    void readTargets();
    void play(int run, double seconds);
    void updateState();

    app::KwsSession* m_session;
    RunChecklist* m_runList;
    QDoubleSpinBox* m_passMark;
    QDoubleSpinBox* m_faTarget;
    QSlider* m_threshold;
    QLabel* m_thresholdText;
    QCheckBox* m_ownThresholds;
    QLabel* m_state;
    QTableView* m_summaryView;
    QTableView* m_costView;
    QTableView* m_clipView;
    QComboBox* m_clipFilter;
    QComboBox* m_streamRun;
    QCheckBox* m_logAxes;
    KwsChartTabs* m_charts;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_output = nullptr;
};

} // namespace vox::ui
