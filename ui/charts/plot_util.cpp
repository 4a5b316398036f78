#include "ui/charts/plot_util.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QSvgGenerator>

namespace vox::ui {

namespace {
class PlotExport {
    Q_DECLARE_TR_FUNCTIONS(vox::ui::PlotExport)
public:
    static QString chooseSuffix() { return tr("Choose a .png, .svg or .pdf file name"); }
    static QString notWritten(const QString& path) { return tr("Could not write %1").arg(path); }
};
} // namespace

Expected<Done> savePlot(QCustomPlot* plot, const QString& path, const QString& title)
{
    const int w = 1000, h = 650;
    bool ok = false;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        ok = plot->savePng(path, w, h, 2.0);
    } else if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        ok = plot->savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("VoxBench"), title);
    } else if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(title);
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot->toPainter(&painter, w, h);
            painter.end();
            ok = QFileInfo(path).size() > 0;
        }
    } else {
        return makeError(PlotExport::chooseSuffix().toStdString());
    }
    if (!ok)
        return makeError(PlotExport::notWritten(path).toStdString());
    return Done{};
}

void decoratePlot(QCustomPlot* plot, const QString& title, const QString& notes, const QFont& font, int titleGrowth)
{
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot, title, QFont(font.family(), font.pointSize() + titleGrowth, QFont::Bold)));
    plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0,
                                   new QCPTextElement(plot, notes, QFont(font.family(), font.pointSize() - 1)));
}

QColor seriesColor(int i)
{
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
    return colors[i % 6];
}

void resetPlot(QCustomPlot* plot, Qt::Alignment corner)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->clearGraphs();
    while (plot->plotLayout()->rowCount() > 1) {
        for (int r = 0; r < plot->plotLayout()->rowCount(); ++r) {
            if (plot->plotLayout()->element(r, 0) != plot->axisRect()) {
                plot->plotLayout()->remove(plot->plotLayout()->element(r, 0));
                break;
            }
        }
        plot->plotLayout()->simplify();
    }
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    plot->xAxis->setLabel({});
    plot->yAxis->setLabel({});
    plot->axisRect()->insetLayout()->setInsetAlignment(0, corner);
}

} // namespace vox::ui
