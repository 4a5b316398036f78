// decodeAudio against the ffmpeg command line, which uses the same FFmpeg libraries: every
// common format decodes to the samples `ffmpeg -af pan=mono|c0=0.5*c0+0.5*c1 -ar 16000 -f f32le`
// writes (the mean downmix, swresample's default resampler), with the same length. Also: a
// range equals the same slice of a whole decode, probe durations, the downmix range, threads.
#include "audio_test_support.h"
#include "core/audio/audio_decoder.h"
#include "core/log/log.h"

#include <spdlog/sinks/ostream_sink.h>

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <sstream>
#include <thread>

using namespace vox::audio;
using namespace audiotest;

namespace {

constexpr int kSourceRate = 44100;
// Long enough that ranges starting after ~3 s take the seek path (decodes seek only to skip
// more than 2 s).
constexpr double kSourceSeconds = 10.0;
constexpr double kTolerance = 1e-4;

struct Format {
    QString file;
    QStringList encode; // ffmpeg arguments
    QString codec; // as probeAudio names it
    int rate; // of the encoded stream
    double frameSeconds; // probe tolerance: one codec frame
    bool seeks; // ranges past ~3 s take the seek path (else decode from the start)
};

std::vector<Format> formats()
{
    return {
        {"s16.wav", {"-c:a", "pcm_s16le"}, "pcm_s16le", 44100, 1.0 / 44100, true},
        {"f32.wav", {"-c:a", "pcm_f32le"}, "pcm_f32le", 44100, 1.0 / 44100, true},
        {"x.flac", {"-c:a", "flac"}, "flac", 44100, 4608.0 / 44100, true},
        {"x.mp3", {"-c:a", "libmp3lame", "-b:a", "128k"}, "mp3", 44100, 1152.0 / 44100, true},
        {"vorbis.ogg", {"-c:a", "libvorbis", "-q:a", "4"}, "vorbis", 44100, 2048.0 / 44100, true},
        {"x.opus", {"-c:a", "libopus", "-b:a", "96k"}, "opus", 48000, 960.0 / 48000, true},
        // AAC's noise substitution depends on everything decoded before: no seek.
        {"x.m4a", {"-c:a", "aac", "-b:a", "128k"}, "aac", 44100, 1024.0 / 44100, false},
        {"alac.m4a", {"-c:a", "alac"}, "alac", 44100, 4096.0 / 44100, true},
        // Matroska's millisecond timestamps cannot place a sample: no seek.
        {"opus.mkv", {"-c:a", "libopus", "-b:a", "64k"}, "opus", 48000, 960.0 / 48000, false},
    };
}

} // namespace

class TestAudioDecoder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::map<QString, std::vector<float>> m_whole; // whole decodes at 16 kHz, by file name
    std::ostringstream m_log; // core's debug log, to see which path ran

    QString path(const QString& name) const { return m_dir.filePath(name); }

    std::vector<float> reference(const QString& file, int channels, int rate)
    {
        QStringList args {"-i", path(file)};
        if (channels == 2)
            args << "-af"
                 << "pan=mono|c0=0.5*c0+0.5*c1";
        args << "-ar" << QString::number(rate) << "-f"
             << "f32le"
             << "-";
        QString error;
        const QByteArray bytes = runFfmpeg(args, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        // decodeAudio clamps to [-1, 1]; lossy codecs overshoot a little on this signal's peaks.
        std::vector<float> samples = floatsFrom(bytes);
        const auto outside = std::count_if(samples.begin(), samples.end(), [](float x) { return std::fabs(x) > 1.0f; });
        if (outside > 0)
            qInfo("%s: %lld reference samples beyond [-1, 1], clamped", qPrintable(file),
                static_cast<long long>(outside));
        for (float& x : samples)
            x = std::clamp(x, -1.0f, 1.0f);
        return samples;
    }

    const std::vector<float>& whole(const QString& file)
    {
        auto it = m_whole.find(file);
        if (it == m_whole.end()) {
            auto decoded = decodeAudio(path(file).toStdString());
            it = m_whole.emplace(file, decoded.ok() ? decoded->samples : std::vector<float> {}).first;
        }
        return it->second;
    }

private slots:
    void initTestCase()
    {
        // The reference decodes come from the ffmpeg command line (packaging/setup-debian.sh installs it).
        QVERIFY2(!ffmpegPath().isEmpty(), "no ffmpeg command line: run packaging/setup-debian.sh");
        QVERIFY(m_dir.isValid());
        // Debug lines go to m_log only: the console sink keeps to warnings.
        for (const auto& sink : vox::log::get("audio")->sinks())
            sink->set_level(spdlog::level::warn);
        auto capture = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_log);
        capture->set_pattern("%v");
        vox::log::addSink(capture);
        vox::log::setLevel(spdlog::level::debug);
        QVERIFY(writeFile(path("source.wav"),
            wavBytes(stereoTestSignal(kSourceRate, kSourceSeconds), 2, kSourceRate, WavFormat::F32)));
        for (const Format& f : formats()) {
            QString error;
            runFfmpeg(QStringList {"-i", path("source.wav")} + f.encode + QStringList {path(f.file)}, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        // Mono at another rate, written directly, and as FLAC.
        std::vector<float> mono(size_t(22050 * 2.5));
        for (size_t i = 0; i < mono.size(); ++i)
            mono[i] = float(0.9 * std::sin(2 * std::numbers::pi * (200 + 40 * double(i) / 22050) * double(i) / 22050));
        QVERIFY(writeFile(path("mono.wav"), wavBytes(mono, 1, 22050, WavFormat::S16)));
        QString error;
        runFfmpeg({"-i", path("mono.wav"), "-c:a", "flac", path("mono.flac")}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void matchesFfmpegCommandLine_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("channels");
        for (const Format& f : formats())
            QTest::newRow(qPrintable(f.file)) << f.file << 2;
        QTest::newRow("mono.wav") << QStringLiteral("mono.wav") << 1;
        QTest::newRow("mono.flac") << QStringLiteral("mono.flac") << 1;
    }

    void matchesFfmpegCommandLine()
    {
        QFETCH(QString, file);
        QFETCH(int, channels);
        const auto decoded = decodeAudio(path(file).toStdString());
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().describe().c_str());
        const std::vector<float> expected = reference(file, channels, 16000);
        QVERIFY(!expected.empty());
        const double difference = maxAbsDifference(decoded->samples, expected);
        qInfo("%s: %zu samples, max |difference| from ffmpeg %.3g", qPrintable(file), decoded->samples.size(),
            difference);
        QCOMPARE(decoded->samples.size(), expected.size());
        QVERIFY2(difference <= kTolerance, qPrintable(QString::number(difference)));
        QCOMPARE(decoded->sampleRate, 16000);
        QCOMPARE(decoded->source.channels, channels);
    }

    void otherOutputRates_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rate");
        QTest::newRow("flac to 8 kHz") << QStringLiteral("x.flac") << 8000;
        QTest::newRow("flac to 48 kHz") << QStringLiteral("x.flac") << 48000;
        QTest::newRow("opus at its own 48 kHz") << QStringLiteral("x.opus") << 48000;
        QTest::newRow("mp3 to 22.05 kHz") << QStringLiteral("x.mp3") << 22050;
    }

    void otherOutputRates()
    {
        QFETCH(QString, file);
        QFETCH(int, rate);
        DecodeOptions options;
        options.sampleRate = rate;
        const auto decoded = decodeAudio(path(file).toStdString(), options);
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().describe().c_str());
        const std::vector<float> expected = reference(file, 2, rate);
        QCOMPARE(decoded->samples.size(), expected.size());
        QVERIFY(maxAbsDifference(decoded->samples, expected) <= kTolerance);
        QCOMPARE(decoded->sampleRate, rate);
    }

    void rangeEqualsSliceOfWholeDecode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<bool>("seeks");
        const std::pair<double, double> ranges[] = {
            {0.25, 1.5}, // from the start, no seek
            {4.321, 6.0}, // a seek
            {7.5, -1}, // to the end
            {9.99, -1}, // the last samples
            {9.0, 20.0}, // an end past the end stops there
            {5.0, 5.0}, // empty
            {3.0000001, 3.1},
        };
        for (const Format& f : formats())
            for (const auto& [start, end] : ranges)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2..%3").arg(f.file).arg(start).arg(end)))
                    << f.file << start << end << (f.seeks && start > 3.0);
    }

    void rangeEqualsSliceOfWholeDecode()
    {
        QFETCH(QString, file);
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(bool, seeks);
        const std::vector<float>& all = whole(file);
        QVERIFY(!all.empty());
        DecodeOptions options;
        options.startSeconds = start;
        options.endSeconds = end;
        m_log.str({});
        const auto range = decodeAudio(path(file).toStdString(), options);
        QVERIFY2(range.ok(), range.ok() ? "" : range.error().describe().c_str());
        // The seek path is the one worth checking: make sure it was taken where expected.
        QCOMPARE(m_log.str().find("seek placed") != std::string::npos, seeks);

        const auto first = size_t(std::llround(start * 16000));
        const size_t last = end < 0 ? all.size() : std::min(all.size(), size_t(std::llround(end * 16000)));
        QCOMPARE(range->samples.size(), last - first);
        QCOMPARE(range->startSeconds, double(first) / 16000);
        const double difference = maxAbsDifference(range->samples, all, first);
        QVERIFY2(difference <= kTolerance, qPrintable(QString::number(difference)));
    }

    void probeDurationWithinOneFrame_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("codec");
        QTest::addColumn<int>("rate");
        QTest::addColumn<double>("frameSeconds");
        for (const Format& f : formats())
            QTest::newRow(qPrintable(f.file)) << f.file << f.codec << f.rate << f.frameSeconds;
    }

    void probeDurationWithinOneFrame()
    {
        QFETCH(QString, file);
        QFETCH(QString, codec);
        QFETCH(int, rate);
        QFETCH(double, frameSeconds);
        const auto info = probeAudio(path(file).toStdString());
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().describe().c_str());
        qInfo("%s: probe %.6f s (%s in %s)", qPrintable(file), info->durationSeconds, info->codec.c_str(),
            info->container.c_str());
        QVERIFY2(std::fabs(info->durationSeconds - kSourceSeconds) <= frameSeconds + 1e-6,
            qPrintable(QString::number(info->durationSeconds, 'f', 6)));
        QCOMPARE(info->sampleRate, rate);
        QCOMPARE(info->channels, 2);
        QCOMPARE(QString::fromStdString(info->codec), codec);
        QVERIFY(!info->container.empty());

        // After a whole decode the duration is what was decoded, to the sample.
        const auto decoded = decodeAudio(path(file).toStdString());
        QVERIFY(decoded.ok());
        QVERIFY(std::fabs(decoded->source.durationSeconds - double(decoded->samples.size()) / 16000) <= 1.0 / 16000);
    }

    void fullScaleStereoStaysInRange_data()
    {
        QTest::addColumn<int>("sourceRate");
        QTest::addColumn<int>("outputRate");
        QTest::newRow("rematrix only") << 16000 << 16000;
        QTest::newRow("rematrix and resample") << 44100 << 16000;
    }

    void fullScaleStereoStaysInRange()
    {
        QFETCH(int, sourceRate);
        QFETCH(int, outputRate);
        // A full-scale 100 Hz tone in phase in both channels, where (L+R)*0.707 would reach
        // 1.41; then both channels at the negative limit (the mean is exactly -1) and at
        // opposite limits (0). Resampled, those steps ring past full scale and the tone meets
        // the filter's passband ripple: the decoder clamps, so the result still stays in range.
        std::vector<float> frames;
        for (int i = 0; i < sourceRate; ++i) {
            const float x = float(std::sin(2 * std::numbers::pi * 100 * i / sourceRate));
            frames.insert(frames.end(), {x, x});
        }
        for (int i = 0; i < sourceRate / 2; ++i)
            frames.insert(frames.end(), {-1.0f, -1.0f});
        for (int i = 0; i < sourceRate / 2; ++i)
            frames.insert(frames.end(), {1.0f, -1.0f});
        const QString file = path(QStringLiteral("fullscale%1.wav").arg(sourceRate));
        QVERIFY(writeFile(file, wavBytes(frames, 2, sourceRate, WavFormat::S16)));
        DecodeOptions options;
        options.sampleRate = outputRate;
        const auto decoded = decodeAudio(file.toStdString(), options);
        QVERIFY(decoded.ok());
        const auto [low, high] = std::minmax_element(decoded->samples.begin(), decoded->samples.end());
        qInfo("%d Hz -> %d Hz: samples in [%.7f, %.7f]", sourceRate, outputRate, double(*low), double(*high));
        QVERIFY(*high <= 1.0f);
        QVERIFY(*low >= -1.0f);
        QVERIFY(*high > 0.999f);
        QVERIFY(*low < -0.999f);
        QCOMPARE(*low, -1.0f);
    }

    void parallelDecodesMatchSequential()
    {
        std::vector<QString> files;
        for (const Format& f : formats()) {
            files.push_back(f.file);
            QVERIFY(!whole(f.file).empty());
        }
        std::vector<std::vector<std::vector<float>>> results(4);
        std::vector<std::thread> threads;
        for (size_t t = 0; t < results.size(); ++t) {
            threads.emplace_back([&, t] {
                for (size_t i = 0; i < files.size(); ++i) {
                    // Each thread walks the files in its own order.
                    const QString& file = files[(i + t * 3) % files.size()];
                    auto decoded = decodeAudio(path(file).toStdString());
                    results[t].push_back(decoded.ok() ? std::move(decoded->samples) : std::vector<float> {});
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        for (size_t t = 0; t < results.size(); ++t)
            for (size_t i = 0; i < files.size(); ++i)
                QVERIFY2(results[t][i] == whole(files[(i + t * 3) % files.size()]), qPrintable(files[i]));
    }
};

QTEST_GUILESS_MAIN(TestAudioDecoder)
#include "tst_audio_decoder.moc"
