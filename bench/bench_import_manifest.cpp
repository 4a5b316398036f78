// Times importDataset() on a generated NeMo manifest (100,000 lines by default), twice:
//   parse only      requireAudioFiles = false
//   with files      requireAudioFiles = true, every line's audio is an existing empty file
// against the floor measured in the same run: reading the file line by line and parsing each
// line with nlohmann::json, which any JSON Lines importer has to do.
// Goal: at most 5 s per 100,000 lines for each import (the ratio says what the importer adds).
// Files live in a temporary directory that is removed at the end; the existence checks run on a
// warm dentry cache (the files were just made), so a cold network share will be slower.
//
//   bench_import_manifest [lines=100000] [rounds=3]
#include "core/dataset/dataset_import.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

// Removes the directory however main() ends.
struct TempDir {
    fs::path path;
    ~TempDir()
    {
        std::error_code error;
        fs::remove_all(path, error);
    }
};

template <typename F> double seconds(F&& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string audioName(size_t i)
{
    char name[64];
    std::snprintf(name, sizeof name, "audio/%03zu/utt%07zu.wav", i / 1000, i);
    return name;
}

// A manifest like NeMo's tools write: relative paths, 8 to 20 words, a duration, one extra key.
void writeManifest(const fs::path& file, size_t lines)
{
    static const char* const kWords[] = {"the", "speech", "model", "was", "quantized", "and", "its", "error", "rate",
        "rose", "by", "two", "points", "on", "noisy", "audio", "while", "latency", "fell", "sharply"};
    std::ofstream out(file, std::ios::binary);
    uint64_t state = 88172645463325252ull; // xorshift: the same manifest every run
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (size_t i = 0; i < lines; ++i) {
        std::string text;
        const size_t words = 8 + next() % 13;
        for (size_t w = 0; w < words; ++w)
            text += (w ? " " : "") + std::string(kWords[next() % 20]);
        out << R"({"audio_filepath": ")" << audioName(i) << R"(", "text": ")" << text << R"(", "duration": )"
            << double(100 + next() % 1900) / 100.0 << R"(, "lang": "en"})" << '\n';
    }
}

size_t jsonFloor(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::string line;
    size_t parsed = 0;
    while (std::getline(in, line)) {
        const auto object = nlohmann::json::parse(line, nullptr, false);
        parsed += !object.is_discarded() && object.contains("audio_filepath");
    }
    return parsed;
}

} // namespace

int main(int argc, char** argv)
{
    const size_t lines = argc > 1 ? std::stoul(argv[1]) : 100000;
    const int rounds = argc > 2 ? std::max(1, std::stoi(argv[2])) : 3;
    TempDir dir {fs::temp_directory_path() / ("voxbench-bench-import-" + std::to_string(getpid()))};
    fs::remove_all(dir.path);
    fs::create_directories(dir.path);
    const fs::path manifest = dir.path / "manifest.json";

    const double makeSeconds = seconds([&] {
        writeManifest(manifest, lines);
        for (size_t i = 0; i < lines; ++i) {
            const fs::path audio = dir.path / audioName(i);
            if (i % 1000 == 0)
                fs::create_directories(audio.parent_path());
            std::ofstream(audio, std::ios::binary); // empty: only its existence is checked
        }
    });
    std::cout << "manifest: " << lines << " lines, " << fs::file_size(manifest) / 1024 << " KiB, " << lines
              << " empty audio files (made in " << makeSeconds << " s)\n";

    // Interleaved rounds; the best of each is reported, the usual choice on a shared machine.
    double floorBest = 1e9, parseBest = 1e9, filesBest = 1e9;
    for (int round = 0; round < rounds; ++round) {
        size_t floorLines = 0;
        floorBest = std::min(floorBest, seconds([&] { floorLines = jsonFloor(manifest); }));

        vox::dataset::ImportOptions options;
        options.format = vox::dataset::Format::NemoManifest;
        for (bool check : {false, true}) {
            options.requireAudioFiles = check;
            size_t imported = 0, skipped = 0;
            const double took = seconds([&] {
                auto report = vox::dataset::importDataset(manifest, options);
                if (!report) {
                    std::cerr << "import failed: " << report.error().describe() << "\n";
                    std::exit(1);
                }
                imported = report->utterances.size();
                skipped = report->skipped.size();
            });
            if (imported != lines || skipped != 0 || floorLines != lines) {
                std::cerr << "wrong counts: imported " << imported << ", skipped " << skipped << ", floor "
                          << floorLines << " of " << lines << "\n";
                return 1;
            }
            (check ? filesBest : parseBest) = std::min(check ? filesBest : parseBest, took);
        }
    }

    const auto row = [lines](const char* what, double s) {
        std::printf("%-46s %8.3f s  %10.0f lines/s\n", what, s, double(lines) / s);
    };
    std::printf("best of %d rounds:\n", rounds);
    row("floor: getline + nlohmann::json::parse", floorBest);
    row("importDataset, requireAudioFiles=false", parseBest);
    row("importDataset, requireAudioFiles=true", filesBest);
    std::printf("goal: at most %.1f s each for %zu lines\n", 5.0 * double(lines) / 100000.0, lines);
    std::printf("existence checks add %.3f s (%.2f us per file)\n", filesBest - parseBest,
        1e6 * (filesBest - parseBest) / double(lines));
    std::printf("ratio with files: %.2f (import with existence checks / JSON floor)\n", filesBest / floorBest);
    std::printf("ratio: %.2f (import without file checks / JSON floor)\n", parseBest / floorBest);
    return 0;
}
