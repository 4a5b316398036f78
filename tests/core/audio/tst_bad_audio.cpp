// decodeAudio on inputs that are wrong in every way the test can make them: truncated,
// empty, random, mislabelled, lying headers, not files at all, bad options. Each either decodes
// (where that is right) or fails with one readable line naming the problem, with the path as
// context; nothing crashes, also with two threads decoding the corpus at once.
#include "audio_test_support.h"
#include "core/audio/audio_decoder.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <thread>

#ifdef __linux__
#include <sys/resource.h>
#endif

using namespace vox::audio;
using namespace audiotest;

namespace {

struct Case {
    QString name;
    QString path;
    DecodeOptions options;
    bool decodes = false;
    QString mustContain; // in the error message, case-insensitive
};

// What a decode gave, comparable across threads.
struct Outcome {
    bool ok = false;
    std::string message;
    std::string context;
    std::vector<float> samples;
    bool operator==(const Outcome&) const = default;
};

Outcome outcomeOf(const Case& c)
{
    const auto result = decodeAudio(c.path.toStdString(), c.options);
    if (result.ok())
        return {true, {}, {}, result->samples};
    return {false, result.error().message, result.error().context, {}};
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A FLAC file with STREAMINFO's 36-bit total sample count replaced.
QByteArray withFlacTotalSamples(QByteArray flac, std::uint64_t total)
{
    if (!flac.startsWith("fLaC") || flac.size() < 26)
        return {};
    // "fLaC", a 4-byte block header, then 10 bytes of block and frame sizes, then 64 bits:
    // sample rate (20), channels - 1 (3), bits - 1 (5), total samples (36).
    std::uint64_t packed = 0;
    for (int i = 0; i < 8; ++i)
        packed = packed << 8 | std::uint8_t(flac[18 + i]);
    const std::uint64_t mask = (std::uint64_t(1) << 36) - 1;
    packed = (packed & ~mask) | (total & mask);
    for (int i = 7; i >= 0; --i, packed >>= 8)
        flac[18 + i] = char(packed & 0xFF);
    return flac;
}

// One second of 44.1 kHz stereo s16 behind a header with the given RIFF and data sizes.
QByteArray wavWithSizes(std::uint32_t riffSize, std::uint32_t dataSize)
{
    const std::vector<float> signal = stereoTestSignal(44100, 1.0);
    QByteArray bytes = wavBytes(signal, 2, 44100, WavFormat::S16);
    QByteArray header;
    appendLe(header, riffSize, 4);
    bytes.replace(4, 4, header);
    header.clear();
    appendLe(header, dataSize, 4);
    bytes.replace(40, 4, header);
    return bytes;
}

} // namespace

class TestBadAudio : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<Case> m_cases;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void add(
        const QString& name, const QString& file, bool decodes, const QString& mustContain, DecodeOptions options = {})
    {
        m_cases.push_back({name, file, options, decodes, mustContain});
    }

    void makeCorpus()
    {
        const QByteArray wav = wavBytes(stereoTestSignal(44100, 3.0), 2, 44100, WavFormat::S16);
        QVERIFY(writeFile(path("ok.wav"), wav));
        add("valid wav", path("ok.wav"), true, {});
        QVERIFY(writeFile(path("wav_half.wav"), wav.left(wav.size() / 2)));
        add("wav cut in half", path("wav_half.wav"), false, "truncated at 1.50 s");
        QVERIFY(writeFile(path("wav_100.wav"), wav.left(100)));
        add("wav cut to 100 bytes", path("wav_100.wav"), false, "truncated");
        QVERIFY(writeFile(path("huge_header.wav"), wavWithSizes(0xFFFFFFF0u, 0xFFFFFF00u)));
        add("wav header claiming 4 GB", path("huge_header.wav"), false, "header declares 6.8 h");
        // The sizes ffmpeg leaves when it writes to a pipe: no length declared, not an error.
        QVERIFY(writeFile(path("streamed.wav"), wavWithSizes(0xFFFFFFFFu, 0xFFFFFFFFu)));
        add("wav with streaming (unknown) sizes", path("streamed.wav"), true, {});
        QVERIFY(writeFile(path("empty.wav"), {}));
        add("zero-length file", path("empty.wav"), false, "empty");
        std::mt19937 random(7);
        QByteArray noise(64 * 1024, Qt::Uninitialized);
        for (char& byte : noise)
            byte = char(random() & 0xFF);
        QVERIFY(writeFile(path("random.wav"), noise));
        add("random bytes named .wav", path("random.wav"), false, "not a readable audio file");
        QVERIFY(writeFile(path("notes.txt"), "Not audio.\nJust a few lines of text.\n"));
        add("text file", path("notes.txt"), false, "not a readable audio file");
        QVERIFY(writeFile(path("lyrics.mp3"), QByteArray("la la la\n").repeated(200)));
        add("text file named .mp3", path("lyrics.mp3"), false, "not a readable audio file");
        QVERIFY(QDir(m_dir.path()).mkdir("x.wav"));
        add("directory named x.wav", path("x.wav"), false, "directory");
        add("nonexistent path", path("missing.wav"), false, "not found");
#ifdef __linux__
        add("device", "/dev/null", false, "not a regular file");
#endif

        DecodeOptions options;
        options.startSeconds = 5;
        add("start beyond the end", path("ok.wav"), false, "beyond the end of the audio (3.00 s)", options);
        options = {};
        options.startSeconds = 2;
        options.endSeconds = 1;
        add("end before start", path("ok.wav"), false, "before the start", options);
        options = {};
        options.startSeconds = -1;
        add("negative start", path("ok.wav"), false, "at least 0", options);
        options = {};
        options.startSeconds = std::numeric_limits<double>::quiet_NaN();
        add("start not a number", path("ok.wav"), false, "at least 0", options);
        options = {};
        options.endSeconds = std::numeric_limits<double>::infinity();
        add("infinite end", path("ok.wav"), false, "invalid time range", options);
        options = {};
        options.startSeconds = 1e15;
        add("start beyond any recording", path("ok.wav"), false, "below 10,000,000 s", options);
        options = {};
        options.sampleRate = 0;
        add("sample rate 0", path("ok.wav"), false, "sample rate", options);
        options = {};
        options.endSeconds = 2;
        options.maxSamples = 16000;
        add("range longer than the sample limit", path("ok.wav"), false, "memory guard", options);
        options = {};
        options.maxSamples = 16000;
        add("file longer than the sample limit", path("ok.wav"), false, "memory guard", options);

        QString error;
        runFfmpeg({"-i", path("ok.wav"), "-c:a", "flac", path("ok.flac")}, &error);
        runFfmpeg({"-i", path("ok.wav"), "-c:a", "libmp3lame", "-b:a", "128k", path("ok.mp3")}, &error);
        runFfmpeg({"-f", "lavfi", "-i", "testsrc=d=1:s=64x64", "-c:v", "mpeg4", path("video_only.mp4")}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray flac = readAll(path("ok.flac"));
        const QByteArray mp3 = readAll(path("ok.mp3"));
        QVERIFY(!flac.isEmpty() && !mp3.isEmpty());

        add("valid flac", path("ok.flac"), true, {});
        add("valid mp3", path("ok.mp3"), true, {});
        QVERIFY(writeFile(path("flac_half.flac"), flac.left(flac.size() / 2)));
        add("flac cut in half", path("flac_half.flac"), false, "truncated");
        QVERIFY(writeFile(path("flac_100.flac"), flac.left(100)));
        add("flac cut to 100 bytes", path("flac_100.flac"), false, "truncated");
        QVERIFY(writeFile(path("mp3_half.mp3"), mp3.left(mp3.size() / 2)));
        add("mp3 cut in half", path("mp3_half.mp3"), false, "truncated");
        QVERIFY(writeFile(path("mp3_100.mp3"), mp3.left(100)));
        add("mp3 cut to 100 bytes", path("mp3_100.mp3"), false, "not a readable audio file");
        // FFmpeg probes content, not names: a wrong extension still decodes.
        QVERIFY(writeFile(path("mp3_as.wav"), mp3));
        add("mp3 named .wav", path("mp3_as.wav"), true, {});
        QByteArray corrupt = flac;
        for (int i = 0; i < 2000; ++i)
            corrupt[flac.size() / 2 + i] = char(random() & 0xFF);
        QVERIFY(writeFile(path("corrupt_middle.flac"), corrupt));
        // Garbage in the first audio frame (its sync code kept, so the demuxer still finds it):
        // the decoder fails before any audio, which fails the call.
        QByteArray badStart = flac;
        const auto firstFrame = badStart.indexOf(QByteArray("\xFF\xF8", 2), 42);
        QVERIFY(firstFrame > 0);
        for (qsizetype i = firstFrame + 6; i < firstFrame + 600; ++i)
            badStart[i] = char(random() & 0xFF);
        QVERIFY(writeFile(path("corrupt_start.flac"), badStart));
        add("flac with garbage in its first frame", path("corrupt_start.flac"), false, "cannot decode the flac audio");
        add("flac with garbage in the middle", path("corrupt_middle.flac"), false, "corrupt audio data at");
        // STREAMINFO claiming 2^36 - 1 samples (433 hours) in a 3-second file: refused before decoding.
        QVERIFY(writeFile(path("absurd_length.flac"), withFlacTotalSamples(flac, (std::uint64_t(1) << 36) - 1)));
        add("flac header claiming 433 hours", path("absurd_length.flac"), false, "declares 432.9 h");
        // Claiming 1 s in a 3 s file: passes the check before decoding, stopped while decoding.
        QVERIFY(writeFile(path("understated.flac"), withFlacTotalSamples(flac, 44100)));
        add("flac header claiming less than it holds", path("understated.flac"), true, {});
        options = {};
        options.maxSamples = 32000;
        add("more audio than declared, past the limit", path("understated.flac"), false, "too long", options);
        add("video without audio", path("video_only.mp4"), false, "no audio stream");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The corpus's encoded files are made with the ffmpeg command line, which
        // packaging/setup-debian.sh installs; without it the test fails rather than shrinks.
        QVERIFY2(!ffmpegPath().isEmpty(), "no ffmpeg command line: run packaging/setup-debian.sh");
        makeCorpus();
    }

    void eachInputDecodesOrFailsReadably_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < m_cases.size(); ++i)
            QTest::newRow(qPrintable(m_cases[i].name)) << int(i);
    }

    void eachInputDecodesOrFailsReadably()
    {
        QFETCH(int, index);
        const Case& c = m_cases[size_t(index)];
        const auto result = decodeAudio(c.path.toStdString(), c.options);
        if (c.decodes) {
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().describe().c_str());
            QVERIFY(!result->samples.empty());
            return;
        }
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error().message);
        qInfo("%s", qPrintable(message));
        QVERIFY(!message.isEmpty());
        QVERIFY2(!message.contains('\n'), "one line");
        QVERIFY2(message.contains(c.mustContain, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(QString::fromStdString(result.error().context), c.path);
    }

    void wrongExtensionDecodesByContent()
    {
        const auto asWav = decodeAudio(path("mp3_as.wav").toStdString());
        const auto asMp3 = decodeAudio(path("ok.mp3").toStdString());
        QVERIFY(asWav.ok() && asMp3.ok());
        QCOMPARE(asWav->samples, asMp3->samples);
        QCOMPARE(asWav->source.codec, std::string("mp3"));
    }

    void lyingHeadersDecodeWhatIsThere()
    {
        const auto understated = decodeAudio(path("understated.flac").toStdString());
        const auto valid = decodeAudio(path("ok.flac").toStdString());
        QVERIFY(understated.ok() && valid.ok());
        QCOMPARE(understated->samples, valid->samples);
        const auto streamed = decodeAudio(path("streamed.wav").toStdString());
        QVERIFY(streamed.ok());
        QCOMPARE(streamed->samples.size(), size_t(16000));
        // A range of a file whose header claims 433 hours is fine: the guard is per call.
        DecodeOptions options;
        options.endSeconds = 1;
        const auto range = decodeAudio(path("absurd_length.flac").toStdString(), options);
        QVERIFY2(range.ok(), range.ok() ? "" : range.error().describe().c_str());
        QCOMPARE(range->samples.size(), size_t(16000));
    }

    void probeFailsLikeDecode()
    {
        for (const char* name : {"missing.wav", "x.wav", "empty.wav", "random.wav", "notes.txt"}) {
            const auto info = probeAudio(path(name).toStdString());
            QVERIFY2(!info.ok(), name);
            QCOMPARE(QString::fromStdString(info.error().context), path(name));
            QVERIFY(!info.error().message.empty());
        }
        const auto info = probeAudio(path("ok.wav").toStdString());
        QVERIFY(info.ok());
        QCOMPARE(info->durationSeconds, 3.0);
    }

    void twoThreadsAtOnce()
    {
        std::vector<Outcome> expected;
        for (const Case& c : m_cases)
            expected.push_back(outcomeOf(c));
        std::vector<Outcome> forward(m_cases.size());
        std::vector<Outcome> backward(m_cases.size());
        std::thread first([&] {
            for (size_t i = 0; i < m_cases.size(); ++i)
                forward[i] = outcomeOf(m_cases[i]);
        });
        std::thread second([&] {
            for (size_t i = m_cases.size(); i-- > 0;)
                backward[i] = outcomeOf(m_cases[i]);
        });
        first.join();
        second.join();
        for (size_t i = 0; i < m_cases.size(); ++i) {
            QVERIFY2(forward[i] == expected[i], qPrintable(m_cases[i].name));
            QVERIFY2(backward[i] == expected[i], qPrintable(m_cases[i].name));
        }
    }

    // ±inf and NaN in a float WAV are refused with the time in the file and the sample index
    // from the file's start, also when the range decoded starts later (the index is the file's,
    // not the window's). Clamping once turned inf into full scale silently.
    void nonFiniteSamplesAreRefusedWithTheirTime_data()
    {
        QTest::addColumn<float>("value");
        QTest::addColumn<QString>("shown");
        QTest::newRow("+inf") << std::numeric_limits<float>::infinity() << "+inf";
        QTest::newRow("-inf") << -std::numeric_limits<float>::infinity() << "-inf";
        QTest::newRow("NaN") << std::numeric_limits<float>::quiet_NaN() << "NaN";
    }
    void nonFiniteSamplesAreRefusedWithTheirTime()
    {
        QFETCH(float, value);
        QFETCH(QString, shown);
        QByteArray wav = wavBytes(std::vector<float>(32000, 0.25f), 1, 16000, WavFormat::F32);
        const int index = 24000; // 1.5 s
        std::memcpy(wav.data() + 44 + 4 * index, &value, 4);
        const QString path = m_dir.filePath("nonfinite.wav");
        QVERIFY(writeFile(path, wav));
        for (double start : {0.0, 1.0}) {
            DecodeOptions options;
            options.startSeconds = start;
            const auto result = decodeAudio(path.toStdString(), options);
            QVERIFY(!result.ok());
            QCOMPARE(QString::fromStdString(result.error().message),
                "the audio holds a sample that is not a finite number (" + shown
                    + ") at 1.500 s into the file (sample 24000 from the start at 16000 Hz); re-export the file "
                      "with finite sample values");
        }
        DecodeOptions before; // a range that ends before the sample decodes
        before.endSeconds = 1.0;
        QVERIFY(decodeAudio(path.toStdString(), before).ok());
    }

    void cleanupTestCase()
    {
#ifdef __linux__
        // Nothing above may have allocated for what a header claims (gigabytes, hundreds of hours).
        rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        qInfo("peak resident memory: %ld MB", usage.ru_maxrss / 1024);
        QVERIFY(usage.ru_maxrss < 1024L * 1024);
#endif
    }
};

QTEST_GUILESS_MAIN(TestBadAudio)
#include "tst_bad_audio.moc"
