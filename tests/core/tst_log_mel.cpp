// Checks core's Whisper log-mel front end against the Python reference (tools/whisper/audio.py):
// tools/make_mel_fixture.py writes test signals, their log-mel (80 and 128 bins) and the
// filterbanks; C++ must reproduce the log-mel within 1e-4 and the filterbanks within 1e-6.
#include "core/torch/log_mel.h"
#include "fixture_json.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using vox::TensorData;
namespace whisper = vox::whisper;

namespace {

const std::string kDir = VOXBENCH_FIXTURE_DIR "/mel/";

std::vector<float> readFloats(const std::string& name)
{
    std::ifstream in(kDir + name, std::ios::binary | std::ios::ate);
    if (!in)
        throw std::runtime_error("cannot open fixture " + kDir + name);
    const auto bytes = static_cast<size_t>(in.tellg());
    std::vector<float> values(bytes / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
    return values;
}

float maxAbsDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size())
        return std::numeric_limits<float>::infinity();
    float worst = 0.0f;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

} // namespace

class TestLogMel : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_index;

    const nlohmann::json& signal(const std::string& name) const
    {
        for (const auto& entry : m_index.at("signals"))
            if (entry.at("name") == name)
                return entry;
        throw std::runtime_error("no signal " + name + " in the fixture");
    }

private slots:
    void initTestCase() { m_index = vox::test::readJson(kDir + "mel_fixture.json"); }

    void filtersMatchPython()
    {
        for (int nMels : {80, 128}) {
            const auto& entry = m_index.at("filters").at(std::to_string(nMels));
            const auto shape = entry.at("shape").get<std::vector<int64_t>>();
            QCOMPARE(shape, (std::vector<int64_t>{nMels, whisper::kFftBins}));
            const std::vector<float> expected = readFloats(entry.at("file").get<std::string>());
            const std::vector<float> actual = whisper::melFilters(nMels);
            QCOMPARE(actual.size(), expected.size());
            const float diff = maxAbsDifference(actual, expected);
            qInfo("filterbank %d bins: max |C++ - Python| = %.3g", nMels, double(diff));
            QVERIFY2(diff <= 1e-6f, qPrintable(QStringLiteral("max difference %1").arg(double(diff))));
        }
    }

    void logMelMatchesPython_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("nMels");
        for (const auto& entry : m_index.at("signals")) {
            const auto name = QString::fromStdString(entry.at("name").get<std::string>());
            for (int nMels : {80, 128})
                QTest::addRow("%s/%d", qPrintable(name), nMels) << name << nMels;
        }
    }

    void logMelMatchesPython()
    {
        QFETCH(QString, name);
        QFETCH(int, nMels);
        const auto& entry = signal(name.toStdString());
        const std::vector<float> samples = readFloats(entry.at("file").get<std::string>());
        QCOMPARE(static_cast<int64_t>(samples.size()), entry.at("samples").get<int64_t>());
        const auto& mel = entry.at("mel").at(std::to_string(nMels));
        const auto shape = mel.at("shape").get<std::vector<int64_t>>();
        const std::vector<float> expected = readFloats(mel.at("file").get<std::string>());

        auto out = whisper::logMelSpectrogram(samples, {nMels});
        QVERIFY2(out.ok(), out ? "" : out.error().describe().c_str());
        QCOMPARE(out->shape, shape);
        QCOMPARE(out->shape, (std::vector<int64_t>{nMels, whisper::kWindowFrames}));
        QCOMPARE(out->values.size(), expected.size());
        const float diff = maxAbsDifference(out->values, expected);
        qInfo("%s, %d bins: max |C++ - Python| = %.3g", qPrintable(name), nMels, double(diff));
        QVERIFY2(diff <= 1e-4f, qPrintable(QStringLiteral("max difference %1").arg(double(diff))));
    }

    // Models trained on shorter windows (2 * n_audio_ctx frames): the demo model's 6 s.
    void shortWindowMatchesPython()
    {
        for (const auto& entry : m_index.at("signals")) {
            const auto& mel = entry.at("mel_6s");
            const std::vector<float> samples = readFloats(entry.at("file").get<std::string>());
            const std::vector<float> expected = readFloats(mel.at("file").get<std::string>());
            const int window = mel.at("samples").get<int>();
            QCOMPARE(window, whisper::windowSamplesFor(300));
            auto out = whisper::logMelSpectrogram(samples, {80, window});
            QVERIFY2(out.ok(), out ? "" : out.error().describe().c_str());
            QCOMPARE(out->shape, mel.at("shape").get<std::vector<int64_t>>());
            QCOMPARE(out->shape, (std::vector<int64_t>{80, 600}));
            const float diff = maxAbsDifference(out->values, expected);
            QVERIFY2(diff <= 1e-4f, qPrintable(QStringLiteral("%1: max difference %2")
                                                   .arg(QString::fromStdString(entry.at("name").get<std::string>()))
                                                   .arg(double(diff))));
        }
        for (int bad : {0, 200, 96001, -160}) {
            auto out = whisper::logMelSpectrogram(std::vector<float>(100, 0.0f), {80, bad});
            QVERIFY(!out.ok());
            QVERIFY2(out.error().message.find("unsupported window of " + std::to_string(bad) + " samples") == 0,
                     out.error().message.c_str());
        }
    }

    void audioPast30SecondsIsIgnored()
    {
        std::vector<float> samples = readFloats(signal("long_31s").at("file").get<std::string>());
        QVERIFY(samples.size() > size_t(whisper::kWindowSamples));
        auto whole = whisper::logMelSpectrogram(samples);
        samples.resize(whisper::kWindowSamples);
        auto first30 = whisper::logMelSpectrogram(samples);
        QVERIFY(whole.ok() && first30.ok());
        QCOMPARE(whole->values, first30->values);
    }

    void emptyAudioIsSilence()
    {
        auto out = whisper::logMelSpectrogram({}, {128});
        QVERIFY(out.ok());
        QCOMPARE(out->shape, (std::vector<int64_t>{128, whisper::kWindowFrames}));
        // log10 of the 1e-10 floor is -10; (-10 + 4) / 4 = -1.5 everywhere.
        QVERIFY(std::all_of(out->values.begin(), out->values.end(), [](float v) { return v == -1.5f; }));
    }

    void unsupportedMelBinsAreAnError()
    {
        const std::vector<float> samples(16000, 0.1f);
        for (int nMels : {0, -80, 64, 81, 129}) {
            auto out = whisper::logMelSpectrogram(samples, {nMels});
            QVERIFY(!out.ok());
            QVERIFY2(out.error().message.find("unsupported number of mel bins " + std::to_string(nMels)) == 0,
                     out.error().message.c_str());
        }
        QVERIFY(whisper::melFilters(0).empty());
        QVERIFY(whisper::melFilters(-1).empty());
        QCOMPARE(whisper::melFilters(40).size(), size_t(40 * whisper::kFftBins));
    }

    void nonFiniteSamplesAreAnError()
    {
        std::vector<float> samples(16000, 0.0f);
        samples[1234] = std::numeric_limits<float>::quiet_NaN();
        auto out = whisper::logMelSpectrogram(samples);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().message, std::string("audio sample 1234 is not a finite number"));
        // Past 30 s the samples are never read, so they cannot spoil the result.
        std::vector<float> late(whisper::kWindowSamples + 10, 0.0f);
        late.back() = std::numeric_limits<float>::infinity();
        QVERIFY(whisper::logMelSpectrogram(late).ok());
    }

    void twoThreadsAtOnce()
    {
        struct Job {
            std::string signal;
            int nMels;
            std::vector<float> samples;
            std::vector<float> expected;
            std::vector<vox::Expected<TensorData>> results;
        };
        std::vector<Job> jobs;
        for (const auto& [name, nMels] : {std::pair<std::string, int>{"chirp", 80}, {"noise_loud", 128}}) {
            const auto& entry = signal(name);
            jobs.push_back({name, nMels, readFloats(entry.at("file").get<std::string>()),
                            readFloats(entry.at("mel").at(std::to_string(nMels)).at("file").get<std::string>()), {}});
        }
        constexpr int kRounds = 4;
        std::vector<std::thread> threads;
        for (auto& job : jobs)
            threads.emplace_back([&job] {
                for (int i = 0; i < kRounds; ++i)
                    job.results.push_back(whisper::logMelSpectrogram(job.samples, {job.nMels}));
            });
        for (auto& thread : threads)
            thread.join();

        for (const auto& job : jobs) {
            QCOMPARE(int(job.results.size()), kRounds);
            for (const auto& result : job.results) {
                QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
                QCOMPARE(result->values, job.results.front()->values);
                QVERIFY2(maxAbsDifference(result->values, job.expected) <= 1e-4f, job.signal.c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestLogMel)
#include "tst_log_mel.moc"
