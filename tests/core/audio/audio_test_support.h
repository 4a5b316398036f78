#pragma once
// Helpers shared by the audio tests: a WAV writer, a test signal, and the ffmpeg command line.
#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <random>
#include <vector>

namespace audiotest {

enum class WavFormat { S16, F32 };

inline void appendLe(QByteArray& out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(char((value >> (8 * i)) & 0xFF));
}

// A canonical RIFF/WAVE file from interleaved samples in [-1, 1].
inline QByteArray wavBytes(const std::vector<float>& interleaved, int channels, int rate, WavFormat format)
{
    const int bytesPerSample = format == WavFormat::S16 ? 2 : 4;
    const std::uint32_t dataBytes = std::uint32_t(interleaved.size()) * bytesPerSample;
    QByteArray out;
    out.append("RIFF");
    appendLe(out, 36 + dataBytes, 4);
    out.append("WAVEfmt ");
    appendLe(out, 16, 4);
    appendLe(out, format == WavFormat::S16 ? 1 : 3, 2); // PCM or IEEE float
    appendLe(out, std::uint64_t(channels), 2);
    appendLe(out, std::uint64_t(rate), 4);
    appendLe(out, std::uint64_t(rate) * channels * bytesPerSample, 4);
    appendLe(out, std::uint64_t(channels) * bytesPerSample, 2);
    appendLe(out, std::uint64_t(bytesPerSample) * 8, 2);
    out.append("data");
    appendLe(out, dataBytes, 4);
    for (float x : interleaved) {
        const float clipped = std::clamp(x, -1.0f, 1.0f);
        if (format == WavFormat::S16) {
            const long value = std::lround(clipped * 32768.0f);
            appendLe(out, std::uint16_t(std::int16_t(std::clamp(value, -32768L, 32767L))), 2);
        } else {
            std::uint32_t bits = 0;
            std::memcpy(&bits, &clipped, 4);
            appendLe(out, bits, 4);
        }
    }
    return out;
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Stereo, different in each channel: a rising chirp left, a wobbling tone right, a common
// 150 Hz tone in phase in both (so the channel sum nears 2 and FFmpeg's default downmix,
// (L+R)*0.707, would leave [-1, 1]), and a little seeded noise. Peaks near 0.95.
inline std::vector<float> stereoTestSignal(int rate, double seconds)
{
    std::mt19937 random(20240611);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    const auto frames = static_cast<size_t>(std::llround(rate * seconds));
    std::vector<float> out(frames * 2);
    const double pi = std::numbers::pi;
    for (size_t i = 0; i < frames; ++i) {
        const double t = double(i) / rate;
        const double chirp = std::sin(2 * pi * (100 * t + 300 * t * t));
        const double wobble = std::sin(2 * pi * 330 * t + 0.5 * std::sin(2 * pi * 3 * t));
        const double common = 0.35 * std::sin(2 * pi * 150 * t);
        out[2 * i] = float(0.55 * chirp + common + 0.04 * noise(random));
        out[2 * i + 1] = float(0.55 * wobble + common + 0.04 * noise(random));
    }
    return out;
}

inline QString ffmpegPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

// Runs the ffmpeg command line; returns its stdout, or sets `error`.
inline QByteArray runFfmpeg(const QStringList& arguments, QString* error)
{
    QProcess process;
    process.start(ffmpegPath(), QStringList {"-nostdin", "-v", "error", "-y"} + arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("ffmpeg %1 failed: %2")
                         .arg(arguments.join(' '), QString::fromLocal8Bit(process.readAllStandardError()));
        process.kill();
        return {};
    }
    return process.readAllStandardOutput();
}

inline std::vector<float> floatsFrom(const QByteArray& bytes)
{
    std::vector<float> out(size_t(bytes.size()) / sizeof(float));
    std::memcpy(out.data(), bytes.constData(), out.size() * sizeof(float));
    return out;
}

inline double maxAbsDifference(const std::vector<float>& a, const std::vector<float>& b, size_t offsetInB = 0)
{
    double worst = 0;
    for (size_t i = 0; i < a.size() && offsetInB + i < b.size(); ++i)
        worst = std::max(worst, double(std::fabs(a[i] - b[offsetInB + i])));
    return worst;
}

} // namespace audiotest
