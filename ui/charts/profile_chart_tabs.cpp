#include "ui/charts/profile_chart_tabs.h"

#include "app/profile/profile_summary.h"
#include "ui/charts/plot_util.h"

#include <qcustomplot.h>

#include <algorithm>
#include <map>

namespace vox::ui {

namespace {
const QColor kColorA = seriesColor(0), kColorB = seriesColor(1);
} // namespace

ProfileChartTabs::ProfileChartTabs(QWidget* parent) : QTabWidget(parent)
{
    const QString names[ChartCount] = {tr("Top operators"), tr("Stages")};
    for (int i = 0; i < ChartCount; ++i) {
        m_plots[i] = new QCustomPlot;
        m_plots[i]->setObjectName(i == TopChart ? QStringLiteral("chart-top-operators") : QStringLiteral("chart-stages"));
        m_plots[i]->setMinimumWidth(300);
        addTab(m_plots[i], names[i]);
    }
}

QString ProfileChartTabs::fileName(Chart chart)
{
    return chart == TopChart ? QStringLiteral("top-operators") : QStringLiteral("stages");
}

void ProfileChartTabs::draw(app::RunProfilesPtr profiles, int topN)
{
    m_shown = std::move(profiles);
    m_topN = topN;
    drawTop();
    drawStages();
}

void ProfileChartTabs::setTopN(int topN)
{
    m_topN = topN;
    drawTop();
}

void ProfileChartTabs::decorate(QCustomPlot* plot, const QString& title)
{
    decoratePlot(plot, title, m_shown ? app::profileChartNotes(*m_shown).join(QLatin1Char('\n')) : QString(), font(), 1);
}

void ProfileChartTabs::drawTop()
{
    QCustomPlot* plot = m_plots[TopChart];
    resetPlot(plot, Qt::AlignBottom | Qt::AlignRight);
    plot->xAxis->setLabel(tr("self time, ms per utterance"));
    const auto* s = m_shown.get();
    const profile::OperatorProfile* a = s && s->a.present() ? s->a.profile.get() : nullptr;
    const profile::OperatorProfile* b = s && s->b && s->b->present() ? s->b->profile.get() : nullptr;
    plot->legend->setVisible(a && b);
    if (a) {
        // The union of both profiles' top operators, largest at the top.
        std::map<std::string, std::pair<double, double>> values;
        for (const auto* p : {a, b})
            if (p)
                for (size_t i = 0; i < p->byName.size() && i < size_t(m_topN); ++i)
                    values[p->byName[i].name];
        for (const auto* p : {a, b})
            if (p)
                for (const auto& r : p->byName)
                    if (auto it = values.find(r.name); it != values.end())
                        (p == a ? it->second.first : it->second.second) = app::perUtteranceMs(*p, r.selfUs);
        std::vector<std::pair<std::string, std::pair<double, double>>> order(values.begin(), values.end());
        std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
            return std::max(x.second.first, x.second.second) < std::max(y.second.first, y.second.second);
        });
        if (order.size() > size_t(m_topN))
            order.erase(order.begin(), order.end() - m_topN);
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

void ProfileChartTabs::drawStages()
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
    for (const app::RunProfile* r : {s ? &s->a : nullptr, s && s->b ? &*s->b : nullptr}) {
        if (!r || !r->present())
            continue;
        const auto& p = *r->profile;
        QVector<double> keys, values;
        double inStages = 0;
        for (int st = 0; st < profile::kOutside; ++st) {
            keys << st + 1;
            values << app::perUtteranceMs(p, p.stages[size_t(st)].wallUs);
            inStages += p.stages[size_t(st)].wallUs;
        }
        keys << 4;
        values << app::perUtteranceMs(p, std::max(0.0, p.wallUs - inStages));
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

Expected<Done> ProfileChartTabs::exportChart(Chart chart, const QString& path) const
{
    return savePlot(m_plots[chart], path, fileName(chart));
}

} // namespace vox::ui
