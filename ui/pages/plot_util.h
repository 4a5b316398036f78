#pragma once
#include <QString>
#include <Qt>

class QCustomPlot;

namespace vox::ui {

// Writes a plot as PNG (2x), SVG or PDF at 1000 x 650, by the file name's suffix. Returns
// false with `error` set (a sentence for the user) when nothing was written.
bool savePlot(QCustomPlot* plot, const QString& path, const QString& title, QString* error = nullptr);

// Back to the plot's one axis rect (pages add title and notes rows around it), without
// plottables, items or graphs, with fresh tickers, no axis labels and the legend in `corner`.
void resetPlot(QCustomPlot* plot, Qt::Alignment corner);

} // namespace vox::ui
