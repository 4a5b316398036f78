#pragma once
#include <QString>

class QCustomPlot;

namespace vox::ui {

// Writes a plot as PNG (2x), SVG or PDF at 1000 x 650, by the file name's suffix. Returns
// false with `error` set (a sentence for the user) when nothing was written.
bool savePlot(QCustomPlot* plot, const QString& path, const QString& title, QString* error = nullptr);

} // namespace vox::ui
