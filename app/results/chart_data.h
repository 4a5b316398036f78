#pragma once
// What the Charts page draws, computed from a comparison: plain numbers, so tests can check
// them and every chart reads the same figures the tables show.
#include "app/results/comparison.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace vox::app {

struct BarSeries {
    QStringList labels;           // one per run: the variant's name
    QList<double> values;         // per run
    QList<double> low, high;      // the 95 % interval, where there is one (else empty)
};

struct ScatterPoint {
    QString label;
    double x = 0, y = 0;
};

struct Histogram {
    QList<double> edges;          // bins + 1 edges, shared by every run
    QList<QList<int>> counts;     // per run, per bin
};

struct ChartData {
    QString normalizer;
    BarSeries wer, cer;           // percent
    BarSeries msPerUtterance;     // mean per-utterance time, ms
    BarSeries realTimeFactor;
    QList<ScatterPoint> speedAccuracy; // x: mean ms per utterance, y: WER %
    QList<int> pareto;            // indices into speedAccuracy on the front, by increasing x
    QList<QList<ScatterPoint>> latency; // per run: x audio seconds, y ms
    Histogram times;              // per-utterance ms
    QStringList notes;            // what the figures were measured with; not-comparable lines
};

ChartData chartData(const Comparison& comparison, int histogramBins = 20);

// The points no other point beats on both x and y (lower is better on both), by increasing x.
QList<int> paretoFront(const QList<ScatterPoint>& points);

} // namespace vox::app
