// The utterance table of the Data page: a model over 100,000 records that formats cells only on
// demand, its filter and numeric sort, and reading a dataset from a real project off the
// calling thread.
#include "app/jobs/job.h"
#include "app/project/utterance_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using vox::app::UtteranceFilterModel;
using vox::app::UtteranceTableModel;
using vox::store::UtteranceRecord;

namespace {

std::shared_ptr<const std::vector<UtteranceRecord>> makeRows(int n)
{
    auto rows = std::make_shared<std::vector<UtteranceRecord>>();
    const char* words[] = {"set an alarm for six", "call peter", "what is the weather in paris", "turn off the lights"};
    for (int i = 0; i < n; ++i) {
        UtteranceRecord u;
        u.id = i + 1;
        u.uttId = "utt-" + std::to_string(i);
        u.audioPath = "/audio/" + u.uttId + ".flac";
        u.duration = 1.0 + double((i * 37) % 1000) / 100.0;
        u.speaker = i % 2 ? "espeak-en" : "flite-slt";
        u.reference = words[i % 4];
        u.extraJson = i % 10 == 0 ? R"({"condition":"noise"})" : R"({"condition":"clean"})";
        rows->push_back(std::move(u));
    }
    return rows;
}

} // namespace

class TestUtteranceModel : public QObject {
    Q_OBJECT

private slots:
    void modelContracts()
    {
        // The tester walks every cell after each change: a few thousand rows are enough for it.
        UtteranceTableModel model;
        UtteranceFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(makeRows(2000));
        filter.setText(QStringLiteral("paris"));
        QCOMPARE(filter.rowCount(), 500);
        filter.sort(UtteranceTableModel::DurationColumn);
        filter.setText(QString());
        model.setRows(nullptr);
        QCOMPARE(filter.rowCount(), 0);
    }

    void hundredThousandRows()
    {
        UtteranceTableModel model;
        UtteranceFilterModel filter;
        filter.setSourceModel(&model);
        model.setRows(makeRows(100000));
        QCOMPARE(model.rowCount(), 100000);
        QCOMPARE(filter.rowCount(), 100000);
        const QModelIndex last = model.index(99999, UtteranceTableModel::IdColumn);
        QCOMPARE(last.data().toString(), QStringLiteral("utt-99999"));
        QCOMPARE(last.data(UtteranceTableModel::AudioPathRole).toString(), QStringLiteral("/audio/utt-99999.flac"));
        QCOMPARE(model.index(0, UtteranceTableModel::ExtraColumn).data().toString(), QStringLiteral("condition: noise"));
        QCOMPARE(model.index(0, UtteranceTableModel::DurationColumn).data().toString(), QStringLiteral("1.0 s"));

        filter.setText(QStringLiteral("PARIS")); // any case
        QCOMPARE(filter.rowCount(), 25000);
        filter.setText(QStringLiteral("noise"));
        QCOMPARE(filter.rowCount(), 10000);
        filter.setText(QStringLiteral("utt-9999"));
        QCOMPARE(filter.rowCount(), 11); // utt-9999 and utt-99990 .. utt-99999
        filter.setText(QString());
        QCOMPARE(filter.rowCount(), 100000);
    }

    void sortsDurationsAsNumbers()
    {
        UtteranceTableModel model;
        UtteranceFilterModel filter;
        filter.setSourceModel(&model);
        model.setRows(makeRows(1000));
        filter.sort(UtteranceTableModel::DurationColumn, Qt::DescendingOrder);
        const double first = filter.index(0, UtteranceTableModel::DurationColumn).data(UtteranceTableModel::SortRole).toDouble();
        const double second = filter.index(1, UtteranceTableModel::DurationColumn).data(UtteranceTableModel::SortRole).toDouble();
        QCOMPARE(first, 10.99);
        QVERIFY(second <= first);
    }

    void loadsADatasetFromAProject()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/p.voxbench";
        qint64 datasetId = 0;
        {
            auto store = vox::store::ProjectStore::open(path);
            QVERIFY(store.ok());
            std::vector<UtteranceRecord> utts(*makeRows(50));
            auto id = (*store)->addDataset({0, "set", "/data", "nemo", "", "{}", 0}, utts);
            QVERIFY(id.ok());
            datasetId = *id;
        }
        // Read off the UI thread, as the Data page does.
        vox::app::Job<vox::app::UtteranceRows> job;
        std::optional<vox::Expected<vox::app::UtteranceRows>> load;
        const QString project = QString::fromStdString(path);
        job.start([&](const vox::app::JobContext&) { return vox::app::readUtterances(project, datasetId); },
                  [&](vox::Expected<vox::app::UtteranceRows> rows) { load = std::move(rows); });
        QTRY_VERIFY_WITH_TIMEOUT(load.has_value(), 10000);
        QVERIFY2(load->ok(), load->ok() ? "" : load->error().describe().c_str());
        QCOMPARE(int((**load)->size()), 50);
        QCOMPARE((**load)->at(49).uttId, std::string("utt-49"));

        load.reset();
        job.start([&](const vox::app::JobContext&) {
            return vox::app::readUtterances(dir.path() + QStringLiteral("/missing.voxbench"), 1);
        }, [&](vox::Expected<vox::app::UtteranceRows> rows) { load = std::move(rows); });
        QTRY_VERIFY_WITH_TIMEOUT(load.has_value(), 10000);
        QVERIFY(!load->ok());
    }
};

QTEST_GUILESS_MAIN(TestUtteranceModel)
#include "tst_utterance_model.moc"
