#include "app/results/chart_data.h"

#include "app/run/run_info.h"

#include <algorithm>
#include <cmath>

namespace vox::app {

QList<int> paretoFront(const QList<ScatterPoint>& points)
{
    QList<int> order;
    for (int i = 0; i < points.size(); ++i)
        order << i;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return points[a].x != points[b].x ? points[a].x < points[b].x : points[a].y < points[b].y;
    });
    QList<int> front;
    double best = INFINITY;
    for (int i : order) {
        if (points[i].y < best) {
            front << i;
            best = points[i].y;
        }
    }
    return front;
}

ChartData chartData(const Comparison& c, int bins)
{
    ChartData d;
    d.normalizer = QString::fromStdString(c.data.normalizer);
    const auto& runs = c.data.runs;
    auto addRate = [](BarSeries& s, const std::optional<scoring::Interval>& i) {
        s.values << (i ? 100 * i->estimate : 0.0);
        s.low << (i ? 100 * i->low : 0.0);
        s.high << (i ? 100 * i->high : 0.0);
    };
    for (size_t k = 0; k < runs.size(); ++k) {
        const auto& r = runs[k];
        const QString label = QString::fromStdString(r.variant);
        for (BarSeries* s : {&d.wer, &d.cer, &d.msPerUtterance, &d.realTimeFactor})
            s->labels << label;
        addRate(d.wer, r.wer);
        addRate(d.cer, r.cer);
        d.msPerUtterance.values << r.meanMs;
        d.realTimeFactor.values << r.realTimeFactor;
        if (r.wer)
            d.speedAccuracy << ScatterPoint{label, r.meanMs, 100 * r.wer->estimate};
        QList<ScatterPoint> latency;
        for (const auto& row : c.data.rows) {
            const auto& cell = row.cells[k];
            if (cell.present && cell.error.empty())
                latency << ScatterPoint{QString::fromStdString(row.uttId), row.audioSeconds, cell.ms};
        }
        d.latency << latency;
        d.notes << QStringLiteral("%1: %2").arg(label, settingsLine(r.settings));
    }
    d.pareto = paretoFront(d.speedAccuracy);
    for (const auto& n : c.data.notComparable)
        d.notes << QStringLiteral("not comparable: ") + QString::fromStdString(n);

    // One set of bins for every run, from 0 to the slowest utterance.
    double top = 0;
    for (const auto& series : d.latency)
        for (const auto& p : series)
            top = std::max(top, p.y);
    bins = std::max(1, bins);
    const double width = top > 0 ? top / bins : 1.0;
    for (int b = 0; b <= bins; ++b)
        d.times.edges << b * width;
    for (const auto& series : d.latency) {
        QList<int> counts(bins, 0);
        for (const auto& p : series)
            ++counts[std::min(bins - 1, int(p.y / width))];
        d.times.counts << counts;
    }
    return d;
}

} // namespace vox::app
