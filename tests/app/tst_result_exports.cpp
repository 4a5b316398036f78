// Table exports (CSV quoting and formula guard, JSON objects, Markdown pipes, LaTeX escapes) on
// a small model, whole-or-nothing file writes, and the Pareto front of speed-accuracy points.
#include "app/format/file_write.h"
#include "app/results/chart_data.h"
#include "app/results/table_export.h"
#include "core/util/csv.h"

#include <QAbstractTableModel>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

class SmallTable : public QAbstractTableModel {
public:
    int rowCount(const QModelIndex& = {}) const override { return 2; }
    int columnCount(const QModelIndex& = {}) const override { return 2; }
    QVariant data(const QModelIndex& i, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        static const char* cells[2][2] = {{"fp32", "say \"hi\", then 5% & $x_1"}, {"int8", "a|b"}};
        return QString::fromUtf8(cells[i.row()][i.column()]);
    }
    QVariant headerData(int s, Qt::Orientation o, int role) const override
    {
        if (o != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        return s == 0 ? QStringLiteral("Variant") : QStringLiteral("Note");
    }
};

} // namespace

class TestResultExports : public QObject {
    Q_OBJECT

private slots:
    void tablesInEveryFormat()
    {
        SmallTable t;
        using vox::app::TableFormat;
        QCOMPARE(vox::app::exportTable(t, TableFormat::Csv),
                 QStringLiteral("Variant,Note\r\nfp32,\"say \"\"hi\"\", then 5% & $x_1\"\r\nint8,a|b\r\n"));
        const auto json = QJsonDocument::fromJson(vox::app::exportTable(t, TableFormat::Json).toUtf8()).array();
        QCOMPARE(json.size(), 2);
        QCOMPARE(json[1].toObject()[QStringLiteral("Note")].toString(), QStringLiteral("a|b"));
        QCOMPARE(vox::app::exportTable(t, TableFormat::Markdown),
                 QStringLiteral("| Variant | Note |\n|---|---|\n| fp32 | say \"hi\", then 5% & $x_1 |\n| int8 | a\\|b |\n"));
        const QString tex = vox::app::exportTable(t, TableFormat::Latex);
        QVERIFY(tex.startsWith(QStringLiteral("\\begin{tabular}{ll}")));
        QVERIFY(tex.contains(QStringLiteral("fp32 & say \"hi\", then 5\\% \\& \\$x\\_1 \\\\")));
        QVERIFY(tex.endsWith(QStringLiteral("\\end{tabular}\n")));
    }

    void csvCellsASpreadsheetWouldRunAreNeutralised()
    {
        // Utterance ids, references and hypotheses come from users' files: a cell that starts
        // like a formula is written as text; numbers with a sign stay numbers.
        const std::vector<std::pair<std::string, std::string>> cases{
            {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
            {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
            {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
            {"-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"},
            {"\tindented", "'\tindented"},
            {"-0.5", "-0.5"},
            {"+2.8e-02", "+2.8e-02"},
            {"-3 %", "-3 %"},
            {"-0,5", "\"-0,5\""},  // the Russian decimal comma: a number, quoted for the comma
            {"x -1", "x -1"},
            {"-", "'-"},
            {"", ""},
        };
        for (const auto& [cell, written] : cases)
            QCOMPARE(vox::csvField(cell), written);
        QVERIFY(vox::looksLikeFormula("=1+1"));
        QVERIFY(!vox::looksLikeFormula("1+1"));
    }

    void writesAreWholeOrReportedWithTheReason()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("table.csv"));
        QVERIFY(vox::app::writeWholeFile(path, "old").ok());
        QVERIFY(vox::app::writeWholeFile(path, "a,b\r\n").ok());
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), QByteArray("a,b\r\n"));

        const QString missing = dir.filePath(QStringLiteral("no-such-folder/table.csv"));
        auto failed = vox::app::writeWholeFile(missing, "x");
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.find("Could not write " + missing.toStdString() + ": ") == 0,
                 failed.error().message.c_str());
        QVERIFY(!QFile::exists(missing));
        // A folder where the file should go: refused, the folder untouched.
        auto onFolder = vox::app::writeWholeFile(dir.path(), "x");
        QVERIFY(!onFolder.ok());
        QVERIFY(QFileInfo(dir.path()).isDir());
    }

    void paretoFrontKeepsWhatNothingBeats()
    {
        using vox::app::ScatterPoint;
        const QList<ScatterPoint> points{{"fp32", 100, 10}, {"int8", 60, 12}, {"pruned", 80, 15},
                                         {"fp16", 60, 11}, {"student", 30, 25}, {"slow-bad", 120, 30}};
        QCOMPARE(vox::app::paretoFront(points), (QList<int>{4, 3, 0}));
        QVERIFY(vox::app::paretoFront({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResultExports)
#include "tst_result_exports.moc"
