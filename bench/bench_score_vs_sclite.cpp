// Scores the same generated transcripts with NIST sclite and with `voxbench-cli score --cost
// sclite`, in the same run, checks that the totals are identical, and prints the speed ratio.
// Goal: at least 30x faster than sclite on 100,000 utterance pairs, identical totals.
//
//   bench_score_vs_sclite [utterances=100000] [seed=1]
#include "transcript_corpus.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

namespace {

double timedRun(const std::string& command)
{
    const auto start = std::chrono::steady_clock::now();
    const int rc = std::system(command.c_str());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (rc != 0) {
        std::cerr << "command failed (" << rc << "): " << command << "\n";
        std::exit(1);
    }
    return seconds;
}

std::string readAll(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// "C S D I" from a report row matched by `pattern` with four capture groups.
std::string totals(const std::string& text, const std::regex& pattern)
{
    std::smatch m;
    if (!std::regex_search(text, m, pattern))
        return "(not found)";
    return m[1].str() + " " + m[2].str() + " " + m[3].str() + " " + m[4].str();
}

} // namespace

int main(int argc, char** argv)
{
    const size_t count = argc > 1 ? std::stoul(argv[1]) : 100000;
    const uint64_t seed = argc > 2 ? std::stoull(argv[2]) : 1;
    const auto dir = std::filesystem::temp_directory_path() / ("voxbench-bench-score-" + std::to_string(seed));
    std::filesystem::create_directories(dir);

    vox::test::CorpusGenerator generator(seed);
    const auto pairs = generator.make(count);
    size_t words = 0;
    for (const auto& p : pairs)
        words += size_t(std::count(p.reference.begin(), p.reference.end(), ' ')) + (p.reference.empty() ? 0 : 1);
    vox::test::CorpusGenerator::writeTrn((dir / "ref.trn").string(), pairs, false);
    vox::test::CorpusGenerator::writeTrn((dir / "hyp.trn").string(), pairs, true);

    const std::string cli = VOXBENCH_CLI;
    const std::string files = " -r " + (dir / "ref.trn").string() + " trn -h " + (dir / "hyp.trn").string() + " trn";
    const double sclite = timedRun("sctk sclite" + files + " -i rm -e utf-8 -s -o rsum stdout > " + (dir / "sclite.txt").string());
    const std::string score = cli + " score --ref " + (dir / "ref.trn").string() + " --hyp " + (dir / "hyp.trn").string()
                              + " --cost sclite --bootstrap 0";
    const double oursOneThread = timedRun(score + " --threads 1 > " + (dir / "voxbench1.txt").string());
    const double ours = timedRun(score + " > " + (dir / "voxbench.txt").string());

    const std::string scliteTotals = totals(readAll(dir / "sclite.txt"),
                                            std::regex(R"(\|\s*Sum(?:/Avg)?\s*\|\s*\d+\s+\d+\s*\|\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+))"));
    const std::string ourTotals = totals(readAll(dir / "voxbench.txt"),
                                         std::regex(R"(\nall\s+\d+\s+\d+\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+))"));

    std::printf("utterances: %zu, reference words: %zu\n", count, words);
    std::printf("sclite:   %.3f s   totals C S D I = %s\n", sclite, scliteTotals.c_str());
    const std::string oneThreadTotals = totals(readAll(dir / "voxbench1.txt"),
                                               std::regex(R"(\nall\s+\d+\s+\d+\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+))"));
    std::printf("voxbench: %.3f s   totals C S D I = %s   (1 thread: %.3f s, totals %s)\n", ours, ourTotals.c_str(),
                oursOneThread, oneThreadTotals.c_str());
    const bool identical = scliteTotals == ourTotals && scliteTotals == oneThreadTotals;
    std::printf("identical totals: %s\n", identical ? "yes" : "NO");
    std::printf("ratio, 1 thread each: %.1f\n", sclite / oursOneThread);
    std::printf("ratio: %.1f (sclite time / voxbench-cli time, whole processes; sclite uses 1 thread, voxbench-cli %u)\n",
                sclite / ours, std::thread::hardware_concurrency());
    std::filesystem::remove_all(dir);
    return identical ? 0 : 1;
}
