// Operator profiles from events: self times derived by nesting (children inside a parent's
// span, per thread), stages from the engine's scopes, recursion counted once in the total,
// the pseudo rows that make the table add up, the stored JSON and the Chrome trace, and the
// comparison of two profiles.
#include "core/profile/operator_profile.h"
#include "core/profile/profile_comparison.h"
#include "core/profile/profile_json.h"
#include "core/profile/profile_report.h"

#include <nlohmann/json.hpp>

#include <QTest>

using namespace vox::profile;

namespace {

OpEvent ev(const char* name, int64_t start, int64_t dur, EventKind kind = EventKind::Operator, uint64_t thread = 1)
{
    OpEvent e;
    e.name = name;
    e.startUs = start;
    e.durationUs = dur;
    e.kind = kind;
    e.thread = thread;
    return e;
}

const OperatorRow& row(const OperatorProfile& p, const std::string& name)
{
    for (const auto& r : p.byName)
        if (r.name == name)
            return r;
    qFatal("no row %s", name.c_str());
}

bool hasRow(const OperatorProfile& p, const std::string& name)
{
    for (const auto& r : p.byName)
        if (r.name == name)
            return true;
    return false;
}

// An encoder call (100 us) with a TorchScript frame holding linear -> addmm, and a decoder
// call (50 us) with matmul -> mm; events in the order libtorch lists them (by end time).
std::vector<OpEvent> twoStages()
{
    std::vector<OpEvent> e;
    auto addmm = ev("aten::addmm", 20, 40);
    addmm.flops = 1000;
    addmm.shapes = "[4], [2, 3], [3, 4]";
    e.push_back(addmm);
    e.push_back(ev("aten::linear", 15, 50));
    e.push_back(ev("aten::empty", 70, 2));
    e.push_back(ev("forward", 10, 80, EventKind::Frame));
    e.push_back(ev(kStageEncoder, 0, 100, EventKind::Scope));
    e.push_back(ev("aten::mm", 120, 25));
    e.push_back(ev("aten::matmul", 110, 35));
    e.push_back(ev(kStageDecoder, 100, 50, EventKind::Scope));
    return e;
}

} // namespace

class TestOperatorProfile : public QObject {
    Q_OBJECT

private slots:
    void selfTimesComeFromNesting()
    {
        const auto p = buildProfile(twoStages(), 160.0);
        QCOMPARE(row(p, "aten::addmm").selfUs, 40.0);
        QCOMPARE(row(p, "aten::linear").selfUs, 10.0);  // 50 - addmm's 40
        QCOMPARE(row(p, "aten::linear").totalUs, 50.0);
        QCOMPARE(row(p, "aten::empty").selfUs, 2.0);
        QCOMPARE(row(p, kInterpreterRow).selfUs, 28.0); // 80 - 50 - 2
        QCOMPARE(row(p, kBetweenRow).selfUs, 20.0 + 15.0); // encoder 100 - 80, decoder 50 - 35
        QCOMPARE(row(p, "aten::mm").selfUs, 25.0);
        QCOMPARE(row(p, "aten::matmul").selfUs, 10.0);
        QCOMPARE(row(p, "aten::addmm").flops, int64_t(1000));
        QCOMPARE(row(p, "aten::addmm").calls, int64_t(1));
        QVERIFY(row(p, kInterpreterRow).pseudo);
        // Every microsecond inside the stages is in exactly one row.
        QCOMPARE(p.selfSumUs(), 150.0);
        QCOMPARE(p.operatorsUs(), 40.0 + 10 + 2 + 25 + 10);
        QCOMPARE(p.accounted(), 150.0 / 160.0);
        QCOMPARE(p.share(row(p, "aten::addmm")), 40.0 / 160.0);
        // Sorted by self time.
        QCOMPARE(p.byName.front().name, std::string("aten::addmm"));
    }

    void stagesSplitTheTime()
    {
        const auto p = buildProfile(twoStages(), 160.0);
        QCOMPARE(p.stages[kEncoder].wallUs, 100.0);
        QCOMPARE(p.stages[kDecoder].wallUs, 50.0);
        QCOMPARE(p.stages[kFeatures].wallUs, 0.0);
        QCOMPARE(p.stages[kEncoder].operatorsUs, 52.0);
        QCOMPARE(row(p, "aten::addmm").stageSelfUs[kEncoder], 40.0);
        QCOMPARE(row(p, "aten::mm").stageSelfUs[kDecoder], 25.0);
        QCOMPARE(row(p, "aten::mm").stageSelfUs[kEncoder], 0.0);
    }

    void byShapesSplitsRows()
    {
        auto events = twoStages();
        auto other = ev("aten::addmm", 200, 10);
        other.shapes = "[8], [2, 3], [3, 8]";
        events.push_back(other);
        const auto p = buildProfile(events, 220.0);
        QCOMPARE(row(p, "aten::addmm").calls, int64_t(2));
        QCOMPARE(row(p, "aten::addmm").stageSelfUs[kOutside], 10.0);
        int addmmRows = 0;
        for (const auto& r : p.byShape)
            addmmRows += r.name == "aten::addmm";
        QCOMPARE(addmmRows, 2);
    }

    void recursionCountsOnceInTheTotal()
    {
        // aten::to calling aten::to (as _to_copy paths do): inclusive time once.
        std::vector<OpEvent> e{ev("aten::to", 0, 30), ev("aten::to", 5, 20), ev("aten::copy_", 10, 10)};
        const auto p = buildProfile(e, 30.0);
        QCOMPARE(row(p, "aten::to").calls, int64_t(2));
        QCOMPARE(row(p, "aten::to").totalUs, 30.0);
        QCOMPARE(row(p, "aten::to").selfUs, 10.0 + 10.0);
        QCOMPARE(p.selfSumUs(), 30.0);
    }

    void threadsNestSeparately()
    {
        // Overlapping spans on two threads are not parent and child.
        std::vector<OpEvent> e{ev("aten::mm", 0, 100, EventKind::Operator, 1),
                               ev("aten::bmm", 10, 20, EventKind::Operator, 2)};
        const auto p = buildProfile(e, 100.0);
        QCOMPARE(row(p, "aten::mm").selfUs, 100.0);
        QCOMPARE(row(p, "aten::bmm").selfUs, 20.0);
    }

    void aChildRoundedPastItsParentIsClamped()
    {
        // Microsecond rounding: a child may seem to end 1 us after its parent.
        std::vector<OpEvent> e{ev("aten::linear", 0, 10), ev("aten::addmm", 2, 9)};
        const auto p = buildProfile(e, 10.0);
        QCOMPARE(row(p, "aten::linear").selfUs, 2.0);
        QCOMPARE(row(p, "aten::addmm").selfUs, 9.0);
    }

    void kernelsAreDeviceTime()
    {
        auto events = twoStages();
        events.push_back(ev("ampere_sgemm_64x64", 30, 12, EventKind::Kernel, 7));
        events.push_back(ev("ampere_sgemm_64x64", 130, 8, EventKind::Kernel, 7));
        const auto p = buildProfile(events, 160.0);
        QCOMPARE(p.kernels.size(), size_t(1));
        QCOMPARE(p.kernels[0].calls, int64_t(2));
        QCOMPARE(p.kernels[0].deviceUs, 20.0);
        QVERIFY(!hasRow(p, "ampere_sgemm_64x64"));
        QCOMPARE(p.selfSumUs(), 150.0);
    }

    void jsonRoundTrip()
    {
        auto p = buildProfile(twoStages(), 160.0);
        p.info.variant = "tiny-fp32";
        p.info.kind = "fp32";
        p.info.settingsJson = R"({"threads":2,"batch":1,"beam":1})";
        p.info.utterances = 2;
        p.info.plainMs = 0.12;
        p.info.profiledMs = 0.16;
        p.info.conditions = "1 run executing";
        auto back = profileFromJson(toJson(p));
        QVERIFY2(back.ok(), back ? "" : back.error().describe().c_str());
        QCOMPARE(back->byName.size(), p.byName.size());
        QCOMPARE(back->byShape.size(), p.byShape.size());
        QCOMPARE(back->events.size(), p.events.size());
        QCOMPARE(back->events[0].shapes, p.events[0].shapes);
        QCOMPARE(back->events[3].kind, EventKind::Frame);
        QCOMPARE(row(*back, "aten::linear").selfUs, 10.0);
        QCOMPARE(row(*back, "aten::addmm").stageSelfUs[kEncoder], 40.0);
        QCOMPARE(back->stages[kDecoder].wallUs, 50.0);
        QCOMPARE(back->info.variant, std::string("tiny-fp32"));
        QCOMPARE(back->info.utterances, int64_t(2));
        QCOMPARE(back->info.conditions, std::string("1 run executing"));
        QVERIFY(formatProfile(*back, 3, false).find("measured while: 1 run executing") != std::string::npos);
        QVERIFY(std::abs(back->info.overhead() - (0.16 / 0.12 - 1)) < 1e-12);
        QVERIFY(settingsLine(back->info).find("threads 2") != std::string::npos);
        QVERIFY(!profileFromJson("{").ok());
        QVERIFY(!profileFromJson(R"({"format": 99})").ok());
        QVERIFY(profileFromJson(R"({"format": 99})").error().message.find("format 99") != std::string::npos);
    }

    void chromeTraceHoldsTheEvents()
    {
        auto p = buildProfile(twoStages(), 160.0);
        p.info.variant = "tiny";
        const auto trace = nlohmann::json::parse(chromeTrace(p));
        QVERIFY(trace.contains("traceEvents"));
        int complete = 0;
        bool addmm = false;
        for (const auto& e : trace["traceEvents"]) {
            if (e["ph"] != "X")
                continue;
            ++complete;
            QVERIFY(e["ts"].get<int64_t>() >= 0);
            if (e["name"] == "aten::addmm") {
                addmm = true;
                QCOMPARE(e["cat"].get<std::string>(), std::string("cpu_op"));
                QCOMPARE(e["dur"].get<int64_t>(), int64_t(40));
                QCOMPARE(e["ts"].get<int64_t>(), int64_t(20));
                QCOMPARE(e["args"]["Input Dims"].get<std::string>(), std::string("[4], [2, 3], [3, 4]"));
                QCOMPARE(e["args"]["flops"].get<int64_t>(), int64_t(1000));
            }
            if (e["name"] == kStageEncoder)
                QCOMPARE(e["cat"].get<std::string>(), std::string("user_annotation"));
        }
        QCOMPARE(complete, int(p.events.size()));
        QVERIFY(addmm);
    }

    void comparisonFindsAddedAndRemovedOperators()
    {
        auto a = buildProfile(twoStages(), 160.0);
        a.info.utterances = 1;
        a.info.variant = "fp32";
        // The int8 variant: quantized::linear_dynamic where aten::linear -> aten::addmm was.
        auto events = twoStages();
        for (auto& e : events) {
            if (e.name == "aten::addmm")
                e = ev("aten::quantize_per_tensor", 20, 10);
            else if (e.name == "aten::linear")
                e.name = "quantized::linear_dynamic";
        }
        auto b = buildProfile(events, 130.0);
        b.info.utterances = 1;
        b.info.variant = "int8";
        const auto c = compareProfiles(a, b);
        auto find = [&](const std::string& name) {
            for (const auto& r : c.rows)
                if (r.name == name)
                    return r;
            qFatal("no comparison row %s", name.c_str());
        };
        QCOMPARE(find("aten::addmm").presence, Presence::OnlyA);
        QCOMPARE(find("aten::linear").presence, Presence::OnlyA);
        QCOMPARE(find("quantized::linear_dynamic").presence, Presence::OnlyB);
        QCOMPARE(find("quantized::linear_dynamic").selfMsB, 0.040); // 50 - 10 us
        QCOMPARE(find("aten::mm").presence, Presence::Both);
        QCOMPARE(find("aten::addmm").selfMsA, 0.040);
        QCOMPARE(find("aten::addmm").deltaMs(), -0.040);
        QCOMPARE(c.totalMsA, 0.160);
        QCOMPARE(c.totalMsB, 0.130);
        // Largest change first.
        QVERIFY(std::abs(c.rows.front().deltaMs()) >= std::abs(c.rows.back().deltaMs()));
        const auto text = formatComparison(a, b, 0);
        QVERIFY(text.find("quantized::linear_dynamic") != std::string::npos);
        QVERIFY(text.find("added") != std::string::npos);
        QVERIFY(text.find("removed") != std::string::npos);
    }

    void perUtteranceWhenLengthsDiffer()
    {
        auto a = buildProfile(twoStages(), 160.0);
        a.info.utterances = 2;
        auto b = buildProfile(twoStages(), 160.0);
        b.info.utterances = 4;
        const auto c = compareProfiles(a, b);
        for (const auto& r : c.rows)
            QCOMPARE(r.selfMsB * 2, r.selfMsA);
    }
};

QTEST_GUILESS_MAIN(TestOperatorProfile)
#include "tst_operator_profile.moc"
