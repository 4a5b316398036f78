#include "ui/charts/report_writer.h"

#include "app/results/chart_data.h"
#include "app/results/summary_model.h"
#include "app/results/table_export.h"
#include "app/results/utterance_results_model.h"
#include "app/session/comparison_session.h"
#include "ui/charts/comparison_chart_tabs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace vox::ui {

namespace {

class ReportTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::ui::ReportWriter)
public:
    static QString nothing() { return tr("Compare runs on the Results page first"); }
    static QString cannotCreate(const QString& folder) { return tr("Could not create %1").arg(folder); }
    static QString cannotWrite(const QString& folder) { return tr("Could not write into %1").arg(folder); }
    static QString heading(const QString& normalizer) { return tr("# VoxBench report\n\nNormalizer: %1\n\n").arg(normalizer); }
};

Error failure(const QString& why)
{
    return makeError(why.toStdString());
}

// Writes `text` as UTF-8; false when the file cannot be written whole.
bool writeText(const QString& path, const QString& text)
{
    QFile file(path);
    const QByteArray bytes = text.toUtf8();
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size() && file.flush();
}

} // namespace

Expected<QStringList> writeReport(const app::ComparisonSession& session, const QString& folder)
{
    const auto comparison = session.comparison();
    if (!comparison || comparison->data.runs.empty())
        return failure(ReportTexts::nothing());
    QDir dir(folder);
    if (!dir.mkpath(QStringLiteral(".")))
        return failure(ReportTexts::cannotCreate(folder));
    QStringList written;
    ComparisonChartTabs charts; // drawn for the files, never shown
    charts.draw(app::chartData(*comparison));
    for (int i = 0; i < ComparisonChartTabs::ChartCount; ++i) {
        const auto chart = ComparisonChartTabs::Chart(i);
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir.filePath(ComparisonChartTabs::fileName(chart) + QLatin1Char('.') + QLatin1String(suffix));
            if (auto saved = charts.exportChart(chart, path); !saved)
                return saved.error();
            written << path;
        }
    }
    auto add = [&](const QString& name, const QString& text) {
        const QString path = dir.filePath(name);
        if (!writeText(path, text))
            return false;
        written << path;
        return true;
    };
    const std::pair<const char*, const QAbstractItemModel*> tables[] = {
        {"summary", session.summaryModel()}, {"utterances", session.utteranceModel()}};
    for (const auto& [name, model] : tables)
        for (auto format : {app::TableFormat::Csv, app::TableFormat::Json, app::TableFormat::Markdown, app::TableFormat::Latex})
            if (!add(QString::fromLatin1(name) + QLatin1Char('.') + app::tableFormatSuffix(format), app::exportTable(*model, format)))
                return failure(ReportTexts::cannotWrite(folder));
    for (const auto& r : comparison->data.runs) {
        const auto card = QJsonDocument::fromJson(QByteArray::fromStdString(r.run.cardJson));
        if (!add(QStringLiteral("run-%1-card.json").arg(r.run.id), QString::fromUtf8(card.toJson())))
            return failure(ReportTexts::cannotWrite(folder));
    }
    const app::ChartData& data = charts.data();
    QString readme = ReportTexts::heading(data.normalizer);
    for (const QString& note : data.notes)
        readme += QStringLiteral("- ") + note + QLatin1Char('\n');
    readme += QLatin1Char('\n') + app::exportTable(*session.summaryModel(), app::TableFormat::Markdown);
    if (!add(QStringLiteral("README.md"), readme))
        return failure(ReportTexts::cannotWrite(folder));
    return written;
}

} // namespace vox::ui
