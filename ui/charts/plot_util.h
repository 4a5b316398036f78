#pragma once
#include "core/util/expected.h"

#include <QString>
#include <Qt>

class QColor;
class QCustomPlot;
class QFont;

namespace vox::ui {

// Writes a plot as PNG (2x), SVG or PDF at 1000 x 650, by the file name's suffix (the plot
// need not be shown). The error is a sentence for the user.
Expected<Done> savePlot(QCustomPlot* plot, const QString& path, const QString& title);

// Adds a title row above the plot and a notes row below it (the settings every chart carries),
// in `font`'s family.
void decoratePlot(QCustomPlot* plot, const QString& title, const QString& notes, const QFont& font, int titleGrowth);

// The colour of series i (the same run has the same colour on every chart).
QColor seriesColor(int i);

// Back to the plot's one axis rect (pages add title and notes rows around it), without
// plottables, items or graphs, with fresh tickers, no axis labels and the legend in `corner`.
void resetPlot(QCustomPlot* plot, Qt::Alignment corner);

} // namespace vox::ui
