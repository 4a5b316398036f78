#include "app/results/table_export.h"

#include "core/util/csv.h"

#include <QAbstractItemModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace vox::app {

namespace {

QString csvField(const QString& s)
{
    return QString::fromStdString(vox::csvField(s.toStdString())); // quoted, formulas neutralised
}

QString markdownField(QString s)
{
    return s.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString latexField(const QString& s)
{
    QString out;
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\textbackslash{}"); break;
        case '~': out += QStringLiteral("\\textasciitilde{}"); break;
        case '^': out += QStringLiteral("\\textasciicircum{}"); break;
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            out += QLatin1Char('\\') + c;
            break;
        case '\n': out += QLatin1Char(' '); break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

QString tableFormatSuffix(TableFormat format)
{
    switch (format) {
    case TableFormat::Csv: return QStringLiteral("csv");
    case TableFormat::Json: return QStringLiteral("json");
    case TableFormat::Markdown: return QStringLiteral("md");
    case TableFormat::Latex: return QStringLiteral("tex");
    }
    return {};
}

QString exportTable(const QAbstractItemModel& model, TableFormat format)
{
    const int rows = model.rowCount(), columns = model.columnCount();
    QStringList header;
    for (int c = 0; c < columns; ++c)
        header << model.headerData(c, Qt::Horizontal).toString();
    auto cell = [&](int r, int c) { return model.index(r, c).data().toString(); };

    QString out;
    switch (format) {
    case TableFormat::Csv: {
        QStringList line;
        for (const QString& h : header)
            line << csvField(h);
        out += line.join(QLatin1Char(',')) + QStringLiteral("\r\n");
        for (int r = 0; r < rows; ++r) {
            line.clear();
            for (int c = 0; c < columns; ++c)
                line << csvField(cell(r, c));
            out += line.join(QLatin1Char(',')) + QStringLiteral("\r\n");
        }
        break;
    }
    case TableFormat::Json: {
        QJsonArray array;
        for (int r = 0; r < rows; ++r) {
            QJsonObject object;
            for (int c = 0; c < columns; ++c)
                object.insert(header[c], cell(r, c));
            array.append(object);
        }
        out = QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        break;
    }
    case TableFormat::Markdown: {
        QStringList line;
        for (const QString& h : header)
            line << markdownField(h);
        out += QStringLiteral("| ") + line.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
        for (int c = 0; c < columns; ++c)
            out += QStringLiteral("---|");
        out += QLatin1Char('\n');
        for (int r = 0; r < rows; ++r) {
            line.clear();
            for (int c = 0; c < columns; ++c)
                line << markdownField(cell(r, c));
            out += QStringLiteral("| ") + line.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        }
        break;
    }
    case TableFormat::Latex: {
        out += QStringLiteral("\\begin{tabular}{") + QString(columns, QLatin1Char('l')) + QStringLiteral("}\n\\hline\n");
        QStringList line;
        for (const QString& h : header)
            line << latexField(h);
        out += line.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n\\hline\n");
        for (int r = 0; r < rows; ++r) {
            line.clear();
            for (int c = 0; c < columns; ++c)
                line << latexField(cell(r, c));
            out += line.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
        }
        out += QStringLiteral("\\hline\n\\end{tabular}\n");
        break;
    }
    }
    return out;
}

} // namespace vox::app
