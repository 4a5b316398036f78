#include "ui/charts/plot_util.h"

#include "app/format/file_write.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QBuffer>
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
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        // QCustomPlot writes PDFs itself, to a file: checked by its result and what reached the disk.
        if (!plot->savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("VoxBench"), title) || QFileInfo(path).size() == 0)
            return makeError(PlotExport::notWritten(path).toStdString());
        return Done{};
    }
    // PNG and SVG are drawn into memory, then written whole (app::writeWholeFile) or not at all.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    bool drawn = false;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        drawn = plot->toPixmap(w, h, 2.0).save(&buffer, "PNG");
    } else if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(title);
        QCPPainter painter;
        drawn = painter.begin(&svg);
        if (drawn) {
            plot->toPainter(&painter, w, h);
            painter.end();
        }
    } else {
        return makeError(PlotExport::chooseSuffix().toStdString());
    }
    if (!drawn || bytes.isEmpty())
        return makeError(PlotExport::notWritten(path).toStdString());
    return app::writeWholeFile(path, bytes);
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
