// Loads the tiny TorchScript module made by tools/make_tiny_module.py and checks that libtorch
// from C++ reproduces the outputs Python computed, and that failures come back as clear errors.
#include "core/torch/script_module.h"
#include "core/torch/torch_env.h"
#include "fixture_json.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using vox::ScriptModule;
using vox::TensorData;

namespace {
const std::string kDir = VOXBENCH_FIXTURE_DIR "/tiny/";
const std::string kModule = kDir + "tiny_mlp.pt";
} // namespace

class TestScriptModule : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_expected;

    static void compareTensors(const TensorData& actual, const TensorData& expected, float tolerance)
    {
        QCOMPARE(actual.shape, expected.shape);
        QCOMPARE(actual.values.size(), expected.values.size());
        for (size_t i = 0; i < actual.values.size(); ++i) {
            if (std::abs(actual.values[i] - expected.values[i]) > tolerance)
                QFAIL(qPrintable(QStringLiteral("value %1: C++ %2, Python %3")
                                     .arg(i)
                                     .arg(actual.values[i], 0, 'g', 9)
                                     .arg(expected.values[i], 0, 'g', 9)));
        }
    }

private slots:
    void initTestCase() { m_expected = vox::test::readJson(kDir + "tiny_mlp.expected.json"); }

    void forwardMatchesPython()
    {
        auto module = ScriptModule::load(kModule, {1});
        QVERIFY2(module.ok(), module ? "" : module.error().describe().c_str());
        QCOMPARE(module->parameterCount(), m_expected["parameter_count"].get<int64_t>());

        auto out = module->forward({vox::test::tensorFrom(m_expected["input_x"])});
        QVERIFY2(out.ok(), out ? "" : out.error().describe().c_str());
        compareTensors(*out, vox::test::tensorFrom(m_expected["forward"]), 1e-6f);
    }

    void exportedMethodWithTwoInputs()
    {
        auto module = ScriptModule::load(kModule);
        QVERIFY(module.ok());
        QVERIFY(module->hasMethod("affine"));
        const auto names = module->methodNames();
        QVERIFY(std::find(names.begin(), names.end(), "noisy") != names.end());

        auto out = module->runMethod("affine", {vox::test::tensorFrom(m_expected["input_x"]),
                                                vox::test::tensorFrom(m_expected["input_y"])});
        QVERIFY2(out.ok(), out ? "" : out.error().describe().c_str());
        compareTensors(*out, vox::test::tensorFrom(m_expected["affine"]), 1e-6f);
    }

    void threadCountIsAppliedAndDoesNotChangeResults()
    {
        const TensorData x = vox::test::tensorFrom(m_expected["input_x"]);
        auto one = ScriptModule::load(kModule, {1});
        auto two = ScriptModule::load(kModule, {2});
        QVERIFY(one.ok() && two.ok());

        auto a = one->forward({x});
        QVERIFY(a.ok());
        QCOMPARE(one->lastCallThreads(), 1);
        auto b = two->forward({x});
        QVERIFY(b.ok());
        QCOMPARE(two->lastCallThreads(), 2);
        QCOMPARE(vox::intraOpThreads(), 2);
        compareTensors(*a, *b, 1e-6f);
    }

    void missingFileIsAClearError()
    {
        auto module = ScriptModule::load(kDir + "no_such_module.pt");
        QVERIFY(!module.ok());
        QCOMPARE(module.error().message, std::string("file not found"));
        QVERIFY(module.error().context.find("no_such_module.pt") != std::string::npos);
    }

    void directoryIsAClearError()
    {
        auto module = ScriptModule::load(kDir);
        QVERIFY(!module.ok());
        QVERIFY(module.error().message.find("not a regular file") != std::string::npos);
    }

    void garbageFileIsAClearError()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("garbage.pt")).toStdString();
        std::ofstream(path) << "this is not a zip archive, let alone TorchScript";
        auto module = ScriptModule::load(path);
        QVERIFY(!module.ok());
        QVERIFY2(module.error().message.rfind("not a loadable TorchScript module", 0) == 0,
                 module.error().message.c_str());
        QVERIFY(module.error().message.find('\n') == std::string::npos); // no backtrace
        QCOMPARE(module.error().context, path);
    }

    void unknownMethodIsAClearError()
    {
        auto module = ScriptModule::load(kModule);
        QVERIFY(module.ok());
        auto out = module->runMethod("decode", {});
        QVERIFY(!out.ok());
        QVERIFY(out.error().message.find("no method 'decode'") != std::string::npos);
    }

    void wrongShapeIsAnErrorNotACrash()
    {
        auto module = ScriptModule::load(kModule);
        QVERIFY(module.ok());
        // Shape and value count disagree: rejected before torch sees it.
        auto bad = module->forward({TensorData{{2, 4}, std::vector<float>(3, 0.f)}});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("holds 3 values, expected 8") != std::string::npos);
        // A consistent tensor of the wrong width: torch throws inside the module; we get an error value.
        auto wrong = module->forward({TensorData{{2, 5}, std::vector<float>(10, 0.f)}});
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().message.find("shapes cannot be multiplied") != std::string::npos,
                 wrong.error().message.c_str());
        QVERIFY(wrong.error().message.find('\n') == std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestScriptModule)
#include "tst_script_module.moc"
