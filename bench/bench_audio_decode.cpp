// How fast does decodeAudio turn 44.1 kHz stereo FLAC and MP3 into 16 kHz mono float32, on one
// thread, against the ffmpeg command line doing the same conversion in the same run?
//
// Input: 60 s made by the ffmpeg command line (tones with slow amplitude modulation and a
// little noise, 16-bit; the FLAC comes out near 725 kb/s, like a stereo speech recording; the
// MP3 is 128 kb/s CBR). Each format is decoded N times, interleaved with N runs of
//   ffmpeg -threads 1 -i FILE -af pan=mono|c0=0.5*c0+0.5*c1 -ar 16000 -f f32le - > /dev/null
// (single-threaded decoder, the same mean downmix and resampler). The reference figure is the
// time ffmpeg reports for its own processing loop (-benchmark rtime), which leaves out its
// process start-up; the wall time including start-up is printed beside it.
//
// Figures: seconds of audio per second of wall time ("realtime factor"), medians over N.
// Goal: FLAC at least 1000x per core. Never fails; run by hand:
//   build/bin/bench_audio_decode [N=10]
#include "core/audio/audio_decoder.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr double kSeconds = 60.0;

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

bool run(const std::string& command)
{
    return std::system(command.c_str()) == 0;
}

// One ffmpeg conversion: its own loop time (-benchmark rtime) and the wall time around it.
bool timeFfmpeg(const fs::path& file, double& loopSeconds, double& wallSeconds)
{
    const std::string command = "ffmpeg -nostdin -v info -benchmark -threads 1 -i '" + file.string()
        + "' -af 'pan=mono|c0=0.5*c0+0.5*c1' -ar 16000 -f f32le - 2>&1 >/dev/null";
    const double start = now();
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return false;
    loopSeconds = -1;
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) {
        if (const char* rtime = std::strstr(line, "rtime="))
            loopSeconds = std::atof(rtime + 6);
    }
    const int status = pclose(pipe);
    wallSeconds = now() - start;
    return status == 0 && loopSeconds > 0;
}

struct Figures {
    double voxbench = 0; // realtime factors
    double ffmpegLoop = 0;
    double ffmpegWall = 0;
};

bool measure(const fs::path& file, int repeats, Figures& figures)
{
    std::vector<double> ours;
    std::vector<double> loop;
    std::vector<double> wall;
    for (int i = 0; i <= repeats; ++i) { // run 0 warms caches and is not counted
        const double start = now();
        const auto decoded = vox::audio::decodeAudio(file);
        const double elapsed = now() - start;
        if (!decoded.ok()) {
            std::fprintf(stderr, "decodeAudio failed: %s\n", decoded.error().describe().c_str());
            return false;
        }
        double loopSeconds = 0;
        double wallSeconds = 0;
        if (!timeFfmpeg(file, loopSeconds, wallSeconds)) {
            std::fprintf(stderr, "the ffmpeg command line failed on %s\n", file.c_str());
            return false;
        }
        if (i == 0)
            continue;
        ours.push_back(elapsed);
        loop.push_back(loopSeconds);
        wall.push_back(wallSeconds);
    }
    figures = {kSeconds / median(ours), kSeconds / median(loop), kSeconds / median(wall)};
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    const fs::path dir = fs::temp_directory_path() / ("voxbench-bench-audio-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const fs::path flac = dir / "speechlike.flac";
    const fs::path mp3 = dir / "speechlike.mp3";
    const std::string signal
        = "aevalsrc='(0.5*sin(2*PI*(150+50*sin(2*PI*0.5*t))*t)+0.2*sin(2*PI*1234*t))*(0.6+0.4*sin(2*PI*0.7*t))"
          "+0.01*(random(0)-0.5)|(0.4*sin(2*PI*330*t)+0.2*sin(2*PI*2345*t))*(0.6+0.4*sin(2*PI*0.9*t))"
          "+0.01*(random(1)-0.5):s=44100:d=60'";
    const bool made = run("ffmpeg -nostdin -v error -y -f lavfi -i " + signal + " -sample_fmt s16 -c:a flac '"
                          + flac.string() + "'")
        && run(
            "ffmpeg -nostdin -v error -y -i '" + flac.string() + "' -c:a libmp3lame -b:a 128k '" + mp3.string() + "'");
    if (!made) {
        std::fprintf(stderr, "cannot make the input with the ffmpeg command line\n");
        fs::remove_all(dir);
        return 1;
    }

    std::printf(
        "bench_audio_decode: 60 s of 44.1 kHz stereo -> 16 kHz mono float32, one thread, median of %d\n", repeats);
    Figures flacFigures;
    Figures mp3Figures;
    const bool ok = measure(flac, repeats, flacFigures) && measure(mp3, repeats, mp3Figures);
    if (ok) {
        for (const auto& [name, file, f] :
            {std::tuple {"flac", flac, flacFigures}, std::tuple {"mp3", mp3, mp3Figures}}) {
            const double kbps = double(fs::file_size(file)) * 8 / kSeconds / 1000;
            std::printf("%-4s (%4.0f kb/s): VoxBench realtime factor: %.0fx | ffmpeg CLI: %.0fx in its loop, %.0fx "
                        "wall with start-up | ratio %.2f\n",
                name, kbps, f.voxbench, f.ffmpegLoop, f.ffmpegWall, f.voxbench / f.ffmpegLoop);
        }
        std::printf("ratio: %.2f (VoxBench decodeAudio over the ffmpeg CLI's own loop time, FLAC; MP3 %.2f)\n",
            flacFigures.voxbench / flacFigures.ffmpegLoop, mp3Figures.voxbench / mp3Figures.ffmpegLoop);
    }
    fs::remove_all(dir);
    return ok ? 0 : 1;
}
