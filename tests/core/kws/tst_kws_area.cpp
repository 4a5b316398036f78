// The FA/FR area of every demo KWS package on the demo's clips, computed by VoxBench
// (core/kws/curves.*) from the classifier's keyword probabilities, equals the Python reference's
// (tools/demo/kws_area.py) on the same probabilities to 1e-9, and so do the curve's points.
#include "core/kws/classifier.h"
#include "core/kws/curves.h"
#include "kws_demo.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using vox::kws::Classifier;
using vox::kws::ScoredClip;

namespace {

struct PythonResult {
    double area = 0;
    std::vector<std::vector<double>> points; // threshold, FA, FR
};

// Writes the probabilities to `file` and runs the reference on them.
PythonResult pythonArea(const std::vector<ScoredClip>& clips, const QString& file)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : clips)
        rows.push_back({{"keyword_probability", c.keywordProbability}, {"is_keyword", c.isKeyword}});
    std::ofstream(file.toStdString()) << rows.dump(); // doubles written to round-trip exactly

    QProcess python;
    python.start(QStringLiteral(VOXBENCH_PYTHON),
                 {QStringLiteral(VOXBENCH_SOURCE_DIR "/tools/demo/kws_area.py"), file, QStringLiteral("--points")});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        throw std::runtime_error("kws_area.py failed: " + python.readAllStandardError().toStdString());
    const QStringList lines = QString::fromUtf8(python.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    PythonResult r;
    r.area = lines.value(0).toDouble();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        std::vector<double> point;
        for (const auto& field : lines[i].split(' '))
            point.push_back(field.toDouble());
        r.points.push_back(point);
    }
    return r;
}

} // namespace

class TestKwsArea : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    vox::test::DemoClips m_clips;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_clips = vox::test::readDemoClips();
    }

    void areaEqualsThePythonReference_data()
    {
        vox::test::addPackageRows();
    }

    void areaEqualsThePythonReference()
    {
        QFETCH(QString, name);
        auto c = Classifier::load(vox::test::kwsPackage(name.toStdString()));
        QVERIFY2(c.ok(), c ? "" : c.error().describe().c_str());
        const auto& package = c->package();
        // One clip per call, as the CLI and the Python evaluation run them (an int8 model's
        // activation scales depend on what shares a call).
        std::vector<ScoredClip> clips;
        for (size_t i = 0; i < m_clips.audio.size(); ++i) {
            auto r = c->classify({m_clips.audio[i]});
            QVERIFY2(r.ok(), r ? "" : r.error().describe().c_str());
            clips.push_back({double(r->front().probabilities[size_t(package.keywordIndex)]),
                             m_clips.set.clips[i].label == package.keyword});
        }
        const auto curve = vox::kws::faFrCurve(clips);
        QVERIFY(curve.defined());

        const PythonResult python = pythonArea(clips, m_tmp.filePath(name + ".json"));
        qInfo("%s: area VoxBench %.17g, Python %.17g (difference %.3g), %d keyword and %d other clips, %zu points",
              qPrintable(name), curve.area, python.area, curve.area - python.area, curve.keywordClips,
              curve.otherClips, curve.points.size());
        QVERIFY2(std::abs(curve.area - python.area) <= 1e-9, qPrintable(QString::number(python.area, 'g', 17)));
        QCOMPARE(python.points.size(), curve.points.size());
        for (size_t i = 0; i < curve.points.size(); ++i) {
            QCOMPARE(python.points[i].size(), size_t(3));
            QVERIFY(std::abs(python.points[i][0] - curve.points[i].threshold) <= 1e-12);
            QVERIFY(std::abs(python.points[i][1] - curve.points[i].falseAlarmRate) <= 1e-12);
            QVERIFY(std::abs(python.points[i][2] - curve.points[i].falseRejectRate) <= 1e-12);
        }
        const auto interval = vox::kws::areaInterval(clips, 1000, 1);
        QVERIFY(interval.low <= interval.estimate && interval.estimate <= interval.high);
        qInfo("%s: area 95%% bootstrap interval [%.6g, %.6g]", qPrintable(name), interval.low, interval.high);
    }
};

QTEST_GUILESS_MAIN(TestKwsArea)
#include "tst_kws_area.moc"
