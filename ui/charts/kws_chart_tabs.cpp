#include "ui/charts/kws_chart_tabs.h"

#include "app/format/numbers.h"
#include "app/kws/kws_models.h"
#include "app/run/run_info.h"
#include "ui/charts/plot_util.h"

#include <qcustomplot.h>

#include <algorithm>

namespace vox::ui {

namespace {

constexpr double kLogFloor = 1e-4; // rates of 0 are drawn here on log axes

QString settingsNotes(const app::KwsEntries& entries, bool streams)
{
    QStringList notes;
    for (const auto& e : *entries)
        if (streams ? !e.data.streams.empty() : !e.data.clips.empty())
            notes << QStringLiteral("%1: %2").arg(QString::fromStdString(e.data.variant),
                                                  app::settingsLine(e.data.card.settings, app::SettingsKind::KeywordSpotter));
    return notes.join(QLatin1Char('\n'));
}

} // namespace

int timelineRun(const app::KwsEntries& entries, int wanted)
{
    if (!entries)
        return -1;
    if (wanted >= 0 && wanted < int(entries->size()) && !(*entries)[size_t(wanted)].data.streams.empty())
        return wanted;
    for (int i = 0; i < int(entries->size()); ++i)
        if (!(*entries)[size_t(i)].data.streams.empty())
            return i;
    return -1;
}

KwsChartTabs::KwsChartTabs(QWidget* parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("kwsChartTabs"));
    const QString names[ChartCount] = {tr("FA/FR curves"), tr("Stream timeline")};
    for (int i = 0; i < ChartCount; ++i) {
        m_plots[i] = new QCustomPlot;
        m_plots[i]->setObjectName(QStringLiteral("chart-") + fileName(Chart(i)));
        m_plots[i]->setMinimumWidth(320);
        addTab(m_plots[i], names[i]);
    }
    m_plots[TimelineChart]->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plots[TimelineChart]->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plots[TimelineChart]->axisRect()->setRangeZoom(Qt::Horizontal);
    connect(m_plots[TimelineChart], &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* event) {
        if (m_streamRun >= 0)
            emit timelineClicked(m_streamRun, m_plots[TimelineChart]->xAxis->pixelToCoord(event->position().x()));
    });
}

QString KwsChartTabs::fileName(Chart chart)
{
    return chart == CurveChart ? QStringLiteral("fa-fr-curves") : QStringLiteral("stream-timeline");
}

void KwsChartTabs::draw(app::KwsEntries entries, int streamRun, const app::KwsSession& session)
{
    m_entries = std::move(entries);
    m_streamRun = timelineRun(m_entries, streamRun);
    drawCurves(session);
    drawTimeline(session);
}

void KwsChartTabs::setLogAxes(bool log)
{
    m_log = log;
}

void KwsChartTabs::drawCurves(const app::KwsSession& session)
{
    QCustomPlot* plot = m_plots[CurveChart];
    resetPlot(plot, Qt::AlignTop | Qt::AlignRight);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        axis->setScaleType(m_log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (m_log)
            axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    plot->xAxis->setLabel(tr("false-alarm rate (non-keyword clips)"));
    plot->yAxis->setLabel(tr("false-reject rate (keyword clips)"));
    auto shown = [this](double v) { return m_log ? std::max(v, kLogFloor) : v; };
    int drawn = 0;
    double faShown = 0.05; // linear axes: up to where every curve has reached FR 0
    if (m_entries) {
        for (int i = 0; i < int(m_entries->size()); ++i) {
            const auto& e = (*m_entries)[size_t(i)];
            if (e.data.clips.empty() || !e.summary.curve.defined())
                continue;
            QVector<double> fa, fr;
            auto points = e.summary.curve.points;
            double firstZero = 1.0;
            for (const auto& p : points)
                if (p.falseRejectRate == 0.0)
                    firstZero = std::min(firstZero, p.falseAlarmRate);
            faShown = std::max(faShown, firstZero);
            std::sort(points.begin(), points.end(), [](const kws::CurvePoint& a, const kws::CurvePoint& b) {
                return a.falseAlarmRate < b.falseAlarmRate
                       || (a.falseAlarmRate == b.falseAlarmRate && a.falseRejectRate > b.falseRejectRate);
            });
            for (const auto& p : points) {
                fa << shown(p.falseAlarmRate);
                fr << shown(p.falseRejectRate);
            }
            auto* curve = new QCPCurve(plot->xAxis, plot->yAxis);
            curve->setName(tr("%1 (area %2)").arg(QString::fromStdString(e.data.variant), app::formatArea(e.summary.curve.area)));
            curve->setPen(QPen(seriesColor(drawn), 2));
            curve->setData(fa, fr);
            // Where the threshold puts this run.
            auto* point = plot->addGraph();
            point->removeFromLegend();
            point->setLineStyle(QCPGraph::lsNone);
            point->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(drawn), 9));
            point->addData(shown(e.live.clips.falseAlarmRate), shown(e.live.clips.falseRejectRate));
            ++drawn;
        }
    }
    if (m_log) {
        plot->xAxis->setRange(kLogFloor * 0.8, 1.2);
        plot->yAxis->setRange(kLogFloor * 0.8, 1.2);
    } else {
        if (drawn == 0)
            faShown = 1.0; // no curve to fit: the whole range
        const double right = std::min(1.0, faShown * 1.15);
        plot->xAxis->setRange(-0.02 * right, right);
        plot->yAxis->setRange(-0.02, 1.02);
    }
    plot->legend->setVisible(drawn > 0);
    QString notes = m_entries ? settingsNotes(m_entries, false) : QString();
    notes += QLatin1Char('\n')
             + tr("Dots: each run at its threshold (%1). Pass mark: area at most %2.")
                   .arg(session.threshold() ? app::formatNumber(*session.threshold(), 3) : tr("the package's"),
                        app::formatArea(session.targets().areaPassMark));
    if (m_log)
        notes += QLatin1Char(' ') + tr("Rates of 0 are drawn at %1.").arg(app::formatArea(kLogFloor));
    else if (faShown < 1.0)
        notes += QLatin1Char('\n') + tr("Drawn up to the FA rate where every curve reaches FR 0.");
    decoratePlot(plot, tr("False-alarm / false-reject curves over the clips"), notes.trimmed(), font(), 1);
    plot->replot();
}

void KwsChartTabs::drawTimeline(const app::KwsSession& session)
{
    QCustomPlot* plot = m_plots[TimelineChart];
    resetPlot(plot, Qt::AlignBottom | Qt::AlignRight); // the scores peak at the top
    plot->xAxis->setLabel(tr("stream time (s)"));
    plot->yAxis->setLabel(tr("keyword score"));
    plot->yAxis->setRange(-0.05, 1.12);
    const bool any = m_streamRun >= 0;
    if (any) {
        const auto& chosen = (*m_entries)[size_t(m_streamRun)];
        const auto& row = chosen.data.streams.front();
        // The known keyword spans, behind everything.
        for (const auto& k : row.keywords) {
            auto* span = new QCPItemRect(plot);
            span->topLeft->setCoords(k.start, 1.1);
            span->bottomRight->setCoords(k.end, -0.05);
            span->setPen(Qt::NoPen);
            span->setBrush(QColor(0x2c, 0xa0, 0x2c, 70));
            span->setLayer(QStringLiteral("background"));
        }
        // Every compared stream run's score over the same stream.
        int drawn = 0;
        for (const auto& e : *m_entries) {
            if (e.data.streams.empty() || e.data.streams.front().utteranceId != row.utteranceId)
                continue;
            const auto& s = e.data.streams.front();
            QVector<double> t, y;
            t.reserve(int(s.scores.size()));
            y.reserve(int(s.scores.size()));
            for (size_t i = 0; i < s.scores.size(); ++i) {
                t << double(i + 1) * s.chunkSeconds;
                y << s.scores[i];
            }
            auto* g = plot->addGraph();
            g->setName(QString::fromStdString(e.data.variant));
            g->setPen(QPen(seriesColor(drawn), &e == &chosen ? 1.6 : 1.0));
            g->setData(t, y, true);
            ++drawn;
        }
        // The chosen run's detections (hit green, false alarm red) and misses.
        const double threshold = session.thresholdOf(chosen);
        const auto& live = chosen.live.streams.front();
        for (size_t d = 0; d < live.detections.size(); ++d) {
            const bool hit = d < live.match.matchedKeyword.size() && live.match.matchedKeyword[d] >= 0;
            auto* mark = new QCPItemStraightLine(plot);
            mark->point1->setCoords(live.detections[d].seconds, 0);
            mark->point2->setCoords(live.detections[d].seconds, 1);
            mark->setPen(QPen(hit ? QColor(0x20, 0x90, 0x20) : QColor(0xd0, 0x20, 0x20), 1.4));
        }
        QVector<double> missT, missY;
        for (size_t k = 0; k < row.keywords.size(); ++k)
            if (k < live.keywordHit.size() && !live.keywordHit[k]) {
                missT << (row.keywords[k].start + row.keywords[k].end) / 2;
                missY << 1.05;
            }
        auto* misses = plot->addGraph();
        misses->setName(tr("missed keyword"));
        misses->setLineStyle(QCPGraph::lsNone);
        misses->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QColor(0xd0, 0x20, 0x20), 10));
        misses->setData(missT, missY);
        auto* line = new QCPItemStraightLine(plot);
        line->point1->setCoords(0, threshold);
        line->point2->setCoords(1, threshold);
        line->setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
        plot->xAxis->setRange(0, std::min(kTimelineSeconds, std::max(1.0, row.seconds)));
        plot->legend->setVisible(true);
    }
    QString notes = m_entries ? settingsNotes(m_entries, true) : QString();
    if (any)
        notes += QLatin1Char('\n')
                 + tr("%1: detections at threshold %2 (green: hit, red: false alarm; ✕: missed keyword; shaded: "
                      "keyword spoken).\nDouble-click to play that moment; drag or zoom for the rest.")
                       .arg(QString::fromStdString((*m_entries)[size_t(m_streamRun)].data.variant),
                            app::formatNumber(session.thresholdOf((*m_entries)[size_t(m_streamRun)]), 3));
    decoratePlot(plot, tr("Keyword score over the stream"), notes.trimmed(), font(), 1);
    plot->replot();
}

Expected<Done> KwsChartTabs::exportChart(Chart chart, const QString& path) const
{
    return savePlot(m_plots[chart], path, fileName(chart));
}

} // namespace vox::ui
