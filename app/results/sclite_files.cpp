#include "app/results/sclite_files.h"

#include "app/format/file_write.h"
#include "core/scoring/report.h"

#include <QDir>
#include <QRegularExpression>

#include <sstream>

namespace vox::app {

namespace {

Expected<Done> write(const QString& path, const std::ostringstream& text)
{
    const std::string bytes = text.str();
    return writeWholeFile(path, QByteArray(bytes.data(), qsizetype(bytes.size())));
}

} // namespace

Expected<QStringList> writeScliteFiles(const Comparison& comparison, const QString& dir)
{
    QStringList written;
    const auto& scores = comparison.analysis.wordScores;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    for (size_t k = 0; k < comparison.data.runs.size() && k < scores.size(); ++k) {
        const auto& run = comparison.data.runs[k];
        const QString name = QStringLiteral("run%1-%2").arg(run.run.id).arg(QString::fromStdString(run.variant).replace(unsafe, QStringLiteral("_")));
        std::ostringstream pra, dtl;
        scoring::writePralign(pra, *scores[k]);
        scoring::writeDetailReport(dtl, *scores[k], "run " + std::to_string(run.run.id) + " (" + run.variant + ")");
        for (const auto& [suffix, text] : {std::pair{QStringLiteral(".pra"), &pra}, std::pair{QStringLiteral(".dtl"), &dtl}}) {
            const QString path = QDir(dir).filePath(name + suffix);
            if (auto done = write(path, *text); !done)
                return done.error();
            written << path;
        }
    }
    return written;
}

} // namespace vox::app
