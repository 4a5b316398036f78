// The Profiler page's table models on a profile built from known events: operators by name and
// by shapes with numbers that sort as numbers, the pseudo rows, the comparison's presence and
// change roles, device kernels per run, and exports of each as CSV.
#include "app/profile/operator_table_model.h"
#include "app/results/table_export.h"
#include "core/profile/operator_profile.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace vox;
using profile::EventKind;
using profile::OpEvent;

namespace {

OpEvent ev(const char* name, int64_t start, int64_t dur, EventKind kind = EventKind::Operator, const char* shapes = "")
{
    OpEvent e;
    e.name = name;
    e.startUs = start;
    e.durationUs = dur;
    e.kind = kind;
    e.thread = 1;
    e.shapes = shapes;
    return e;
}

// A 1000-us encoder: two addmm calls of different shapes inside linear, a TorchScript frame.
std::shared_ptr<const profile::OperatorProfile> fp32()
{
    std::vector<OpEvent> e{ev(profile::kStageEncoder, 0, 1000, EventKind::Scope),
                           ev("forward", 10, 900, EventKind::Frame),
                           ev("aten::linear", 20, 500),
                           ev("aten::addmm", 30, 450, EventKind::Operator, "[4], [2, 3], [3, 4]"),
                           ev("aten::linear", 600, 200),
                           ev("aten::addmm", 610, 150, EventKind::Operator, "[8], [2, 3], [3, 8]"),
                           ev("ampere_sgemm", 40, 300, EventKind::Kernel)};
    auto p = profile::buildProfile(e, 1000.0);
    p.info.utterances = 2;
    return std::make_shared<const profile::OperatorProfile>(std::move(p));
}

std::shared_ptr<const profile::OperatorProfile> int8()
{
    std::vector<OpEvent> e{ev(profile::kStageEncoder, 0, 800, EventKind::Scope),
                           ev("forward", 10, 700, EventKind::Frame),
                           ev("quantized::linear_dynamic", 20, 600)};
    auto p = profile::buildProfile(e, 800.0);
    p.info.utterances = 2;
    return std::make_shared<const profile::OperatorProfile>(std::move(p));
}

int rowNamed(const QAbstractItemModel& m, const QString& name, int column = 0)
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, column).data().toString() == name)
            return r;
    return -1;
}

} // namespace

class TestProfileModels : public QObject {
    Q_OBJECT

private slots:
    void operatorsByNameAndByShapes()
    {
        app::OperatorTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setProfile(fp32(), false);
        const int addmm = rowNamed(model, QStringLiteral("aten::addmm"));
        QVERIFY(addmm >= 0);
        using M = app::OperatorTableModel;
        QCOMPARE(model.index(addmm, M::CallsColumn).data(M::SortRole).toLongLong(), 2LL);
        QCOMPARE(model.index(addmm, M::SelfMsColumn).data(M::SortRole).toDouble(), 600.0);
        QCOMPARE(model.index(addmm, M::ShareColumn).data(M::SortRole).toDouble(), 0.6);
        QCOMPARE(model.index(addmm, M::EncoderMsColumn).data(M::SortRole).toDouble(), 600.0);
        QCOMPARE(model.index(addmm, M::DecoderMsColumn).data(M::SortRole).toDouble(), 0.0);
        QVERIFY(model.index(addmm, M::ShareColumn).data().toString().contains(QStringLiteral("60")));
        const int frame = rowNamed(model, QString::fromLatin1(profile::kInterpreterRow));
        QVERIFY(frame >= 0);
        QCOMPARE(model.index(frame, M::SelfMsColumn).data(M::SortRole).toDouble(), 900.0 - 700.0);
        QVERIFY(!model.index(frame, M::NameColumn).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(model.index(frame, M::CallsColumn).data().toString(), QStringLiteral("–"));
        const int byName = model.rowCount();
        model.setProfile(fp32(), true);
        QCOMPARE(model.rowCount(), byName + 1); // addmm in two shapes
        QVERIFY(rowNamed(model, QStringLiteral("[8], [2, 3], [3, 8]"), M::ShapesColumn) >= 0);
        const QString csv = app::exportTable(model, app::TableFormat::Csv);
        QVERIFY(csv.startsWith(QStringLiteral("Operator,Input shapes,Calls")));
        QVERIFY(csv.contains(QStringLiteral("aten::addmm")));
    }

    void comparisonRoles()
    {
        app::ProfileComparisonModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProfiles(fp32(), int8());
        using M = app::ProfileComparisonModel;
        const int added = rowNamed(model, QStringLiteral("quantized::linear_dynamic"));
        const int removed = rowNamed(model, QStringLiteral("aten::addmm"));
        QVERIFY(added >= 0 && removed >= 0);
        QCOMPARE(model.index(added, M::PresenceColumn).data().toString(), QStringLiteral("added"));
        QCOMPARE(model.index(added, 0).data(M::PresenceRole).toInt(), int(profile::Presence::OnlyB));
        QCOMPARE(model.index(removed, 0).data(M::PresenceRole).toInt(), int(profile::Presence::OnlyA));
        QCOMPARE(model.index(removed, M::SelfMsAColumn).data(M::SortRole).toDouble(), 0.3); // 600 us over 2 utterances
        QCOMPARE(model.index(removed, M::DeltaMsColumn).data(M::DeltaRole).toDouble(), -0.3);
        QCOMPARE(model.index(added, M::CallsBColumn).data(M::SortRole).toDouble(), 0.5);
        QVERIFY(model.index(added, M::DeltaMsColumn).data().toString().startsWith(QLatin1Char('+')));
        model.setProfiles(fp32(), nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void kernelsPerRun()
    {
        app::KernelTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProfiles({{QStringLiteral("A"), fp32()}, {QStringLiteral("B"), int8()}, {QStringLiteral("C"), nullptr}});
        QCOMPARE(model.rowCount(), 1); // only fp32's profile has a kernel
        using M = app::KernelTableModel;
        QCOMPARE(model.index(0, M::RunColumn).data().toString(), QStringLiteral("A"));
        QCOMPARE(model.index(0, M::NameColumn).data().toString(), QStringLiteral("ampere_sgemm"));
        QCOMPARE(model.index(0, M::DeviceMsColumn).data(M::SortRole).toDouble(), 300.0);
        QCOMPARE(model.index(0, M::PerUtteranceColumn).data(M::SortRole).toDouble(), 0.15);
    }
};

QTEST_GUILESS_MAIN(TestProfileModels)
#include "tst_profile_models.moc"
