#include "ui/charts/report_writer.h"

#include "app/kws/kws_clip_model.h"
#include "app/kws/kws_models.h"
#include "app/kws/kws_session.h"
#include "app/results/chart_data.h"
#include "app/results/baseline_models.h"
#include "app/results/breakdown_model.h"
#include "app/results/error_models.h"
#include "app/results/sclite_files.h"
#include "app/results/summary_model.h"
#include "app/format/file_write.h"
#include "app/results/table_export.h"
#include "app/results/utterance_results_model.h"
#include "app/session/comparison_session.h"
#include "ui/charts/comparison_chart_tabs.h"
#include "ui/charts/kws_chart_tabs.h"

#include <QCoreApplication>
#include <QDir>
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
    static QString kwsHeading() { return tr("\n## Keyword spotting\n\n"); }
    static QString againstHeading() { return tr("\n## Against the baseline\n\n"); }
    static QString breakdownHeading(const QString& field) { return tr("\n### WER by %1\n\n").arg(field); }
    static QString confusionHeading() { return tr("\n## Confusions\n\n"); }
    static QString kwsOnlyHeading() { return tr("# VoxBench report\n"); }
};

Error failure(const QString& why)
{
    return makeError(why.toStdString());
}

// Writes a file per chart format and a file per table format; false when a file is not written.
class ReportFiles {
public:
    explicit ReportFiles(const QDir& dir) : m_dir(dir) {}
    const QStringList& written() const { return m_written; }
    // Why the last file was not written (the file and the system's reason).
    const QString& error() const { return m_error; }
    void add(const QStringList& written) { m_written << written; }

    bool text(const QString& name, const QString& content)
    {
        const QString path = m_dir.filePath(name);
        if (auto done = app::writeWholeFile(path, content.toUtf8()); !done) {
            m_error = QString::fromStdString(done.error().message);
            return false;
        }
        m_written << path;
        return true;
    }
    bool table(const QString& base, const QAbstractItemModel& model)
    {
        for (auto format : {app::TableFormat::Csv, app::TableFormat::Json, app::TableFormat::Markdown, app::TableFormat::Latex})
            if (!text(base + QLatin1Char('.') + app::tableFormatSuffix(format), app::exportTable(model, format)))
                return false;
        return true;
    }
    template <typename Save>
    Expected<Done> chart(const QString& base, Save save)
    {
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = m_dir.filePath(base + QLatin1Char('.') + QLatin1String(suffix));
            if (auto saved = save(path); !saved)
                return saved.error();
            m_written << path;
        }
        return Done{};
    }

private:
    QDir m_dir;
    QStringList m_written;
    QString m_error;
};

// The error analysis: its tables (a breakdown table per field), each run's sclite-style .pra
// and .dtl; its part of the README (the verdicts with the tests, the breakdowns, the confusions).
Expected<QString> writeAnalysis(const app::ComparisonSession& session, ReportFiles& files, const QString& folder)
{
    const auto comparison = session.comparison();
    const auto cannot = [&] { return failure(files.error().isEmpty() ? ReportTexts::cannotWrite(folder) : files.error()); };
    if (!files.table(QStringLiteral("against-baseline"), *session.verdictModel())
        || !files.table(QStringLiteral("broken-fixed"), *session.changeModel())
        || !files.table(QStringLiteral("confusions"), *session.confusionModel())
        || !files.table(QStringLiteral("hallucination-signals"), *session.hallucinationModel()))
        return cannot();
    QString readme;
    const auto& analysis = comparison->analysis;
    if (!analysis.against.empty()) {
        readme += ReportTexts::againstHeading();
        for (const auto& c : analysis.against) {
            const auto& r = comparison->data.runs[c.run];
            readme += QStringLiteral("- run %1 (%2): %3\n").arg(r.run.id).arg(QString::fromStdString(r.variant), QString::fromStdString(c.sentence));
        }
        readme += QStringLiteral("\n%1\n\n").arg(QString::fromStdString(run::describeAnalysisSettings(analysis.options)));
        readme += app::exportTable(*session.verdictModel(), app::TableFormat::Markdown);
    }
    app::BreakdownModel breakdown; // one table per field, whichever the page shows
    breakdown.setComparison(comparison);
    for (const QString& field : breakdown.fields()) {
        breakdown.setField(field);
        if (!files.table(QStringLiteral("breakdown-%1").arg(QString(field).replace(QLatin1Char('/'), QLatin1Char('_'))), breakdown))
            return cannot();
        readme += ReportTexts::breakdownHeading(field) + app::exportTable(breakdown, app::TableFormat::Markdown);
    }
    readme += ReportTexts::confusionHeading() + app::exportTable(*session.confusionModel(), app::TableFormat::Markdown);
    auto sclite = app::writeScliteFiles(*comparison, folder);
    if (!sclite)
        return sclite.error();
    files.add(*sclite);
    return readme;
}

// The comparison's charts, tables, run cards; its part of the README.
Expected<QString> writeComparison(const app::ComparisonSession& session, ReportFiles& files, const QString& folder)
{
    const auto comparison = session.comparison();
    ComparisonChartTabs charts; // drawn for the files, never shown
    charts.draw(app::chartData(*comparison));
    for (int i = 0; i < ComparisonChartTabs::ChartCount; ++i) {
        const auto chart = ComparisonChartTabs::Chart(i);
        if (auto saved = files.chart(ComparisonChartTabs::fileName(chart), [&](const QString& path) { return charts.exportChart(chart, path); }); !saved)
            return saved.error();
    }
    if (!files.table(QStringLiteral("summary"), *session.summaryModel()) || !files.table(QStringLiteral("utterances"), *session.utteranceModel()))
        return failure(files.error().isEmpty() ? ReportTexts::cannotWrite(folder) : files.error());
    for (const auto& r : comparison->data.runs) {
        const auto card = QJsonDocument::fromJson(QByteArray::fromStdString(r.run.cardJson));
        if (!files.text(QStringLiteral("run-%1-card.json").arg(r.run.id), QString::fromUtf8(card.toJson())))
            return failure(files.error().isEmpty() ? ReportTexts::cannotWrite(folder) : files.error());
    }
    auto analysis = writeAnalysis(session, files, folder);
    if (!analysis)
        return analysis.error();
    const app::ChartData& data = charts.data();
    QString readme = ReportTexts::heading(data.normalizer);
    for (const QString& note : data.notes)
        readme += QStringLiteral("- ") + note + QLatin1Char('\n');
    return readme + QLatin1Char('\n') + app::exportTable(*session.summaryModel(), app::TableFormat::Markdown) + *analysis;
}

// The keyword spotters' charts, tables and run cards; their part of the README.
Expected<QString> writeKeywordSpotting(const app::KwsSession& kws, ReportFiles& files, const QString& folder)
{
    KwsChartTabs charts;
    charts.draw(kws.entries(), -1, kws);
    for (int i = 0; i < KwsChartTabs::ChartCount; ++i) {
        const auto chart = KwsChartTabs::Chart(i);
        if (auto saved = files.chart(KwsChartTabs::fileName(chart), [&](const QString& path) { return charts.exportChart(chart, path); }); !saved)
            return saved.error();
    }
    if (!files.table(QStringLiteral("kws-summary"), *kws.summaryModel()) || !files.table(QStringLiteral("kws-cost"), *kws.costModel())
        || !files.table(QStringLiteral("kws-clips"), *kws.clipModel()))
        return failure(files.error().isEmpty() ? ReportTexts::cannotWrite(folder) : files.error());
    for (const auto& e : *kws.entries()) {
        const auto card = QJsonDocument::fromJson(QByteArray::fromStdString(e.data.run.cardJson));
        if (!files.text(QStringLiteral("run-%1-card.json").arg(e.data.run.id), QString::fromUtf8(card.toJson())))
            return failure(files.error().isEmpty() ? ReportTexts::cannotWrite(folder) : files.error());
    }
    return app::exportTable(*kws.summaryModel(), app::TableFormat::Markdown) + QLatin1Char('\n')
           + app::exportTable(*kws.costModel(), app::TableFormat::Markdown);
}

} // namespace

Expected<QStringList> writeReport(const app::ComparisonSession& session, const app::KwsSession* kws, const QString& folder)
{
    const auto comparison = session.comparison();
    const bool speech = comparison && !comparison->data.runs.empty();
    const bool spotting = kws && kws->entries() && !kws->entries()->empty();
    if (!speech && !spotting)
        return failure(ReportTexts::nothing());
    QDir dir(folder);
    if (!dir.mkpath(QStringLiteral(".")))
        return failure(ReportTexts::cannotCreate(folder));
    ReportFiles files(dir);
    QString readme;
    if (speech) {
        auto part = writeComparison(session, files, folder);
        if (!part)
            return part.error();
        readme += *part;
    }
    if (spotting) {
        auto part = writeKeywordSpotting(*kws, files, folder);
        if (!part)
            return part.error();
        readme += (speech ? ReportTexts::kwsHeading() : ReportTexts::kwsOnlyHeading() + ReportTexts::kwsHeading()) + *part;
    }
    if (!files.text(QStringLiteral("README.md"), readme))
        return failure(files.error().isEmpty() ? ReportTexts::cannotWrite(folder) : files.error());
    return files.written();
}

} // namespace vox::ui
