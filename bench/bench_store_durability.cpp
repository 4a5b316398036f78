// What would synchronous=FULL cost the results batches? Commits N batches of results (16 per
// batch, one transaction each, the INSERT of ProjectStore::addResults) into a project in WAL mode
// with synchronous=NORMAL (what the store uses) and with synchronous=FULL (an fsync of the WAL at
// every commit), interleaved round by round in the same run, and prints the medians and their
// ratio. No goal: the figure is what docs/ARCHITECTURE.md ("Durability") states. Run it on the
// disk projects live on (a tmpfs makes fsync free and the ratio 1).
//
//   bench_store_durability [folder=.] [batches=200] [rounds=3]
#include "core/store/schema.h"
#include "core/store/sqlite_db.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vox::store;

namespace {

// Seconds to commit `batches` batches into a fresh project at `path` with `synchronous`.
double commitBatches(const fs::path& path, const char* synchronous, int batches)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(path.string() + suffix);
    auto db = Database::open(path.string(), true, false);
    if (!db || !db->execute(std::string("PRAGMA journal_mode = WAL; PRAGMA synchronous = ") + synchronous) || !migrate(*db)
        || !db->execute("INSERT INTO datasets (id, name, source, format, imported_at) VALUES (1, 'd', '/d', 'folder', '')")
        || !db->execute("INSERT INTO variants (id, name, package_path) VALUES (1, 'v', '/v')")
        || !db->execute("INSERT INTO runs (id, variant_id, dataset_id, status, card_json, created_at) "
                        "VALUES (1, 1, 1, 'running', '{}', '')")) {
        std::fprintf(stderr, "cannot make the project %s\n", path.c_str());
        std::exit(1);
    }
    const int perBatch = 16;
    for (int u = 1; u <= batches * perBatch; ++u)
        (void)db->execute("INSERT INTO utterances (id, dataset_id, utt_id, audio_path) VALUES (" + std::to_string(u)
                          + ", 1, 'u" + std::to_string(u) + "', '/a.wav')");
    auto insert = db->prepare("INSERT OR REPLACE INTO results (run_id, utterance_id, hypothesis, tokens_json, "
                              "timings_json, peak_memory_bytes, error, output_json) VALUES (1, ?, ?, ?, ?, NULL, NULL, '{}')");
    const std::string hypothesis = "turn the lights off in the kitchen and the hall please";
    const auto start = std::chrono::steady_clock::now();
    for (int b = 0; b < batches; ++b) {
        auto done = inTransaction(*db, [&]() -> vox::Expected<vox::Done> {
            for (int i = 0; i < perBatch; ++i) {
                insert->bind(1, int64_t(b * perBatch + i + 1)).bind(2, hypothesis);
                insert->bind(3, std::string_view("[50257, 1169, 1210, 262, 4899]")).bind(4, std::string_view(R"({"total_ms":12.5})"));
                if (auto ran = insert->run(); !ran)
                    return ran.error();
            }
            return vox::Done{};
        });
        if (!done) {
            std::fprintf(stderr, "%s\n", done.error().describe().c_str());
            std::exit(1);
        }
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const fs::path folder = argc > 1 ? argv[1] : ".";
    const int batches = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;
    const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    const fs::path path = folder / "bench_store_durability.voxbench";
    std::vector<double> normal, full;
    for (int r = 0; r < rounds; ++r) {
        normal.push_back(commitBatches(path, "NORMAL", batches));
        full.push_back(commitBatches(path, "FULL", batches));
    }
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(path.string() + suffix);
    const double n = median(normal), f = median(full);
    std::printf("%d batches of 16 results in %s, median of %d rounds\n", batches, fs::absolute(folder).c_str(), rounds);
    std::printf("synchronous=NORMAL: %.3f s (%.2f ms per batch)\n", n, 1000 * n / batches);
    std::printf("synchronous=FULL:   %.3f s (%.2f ms per batch)\n", f, 1000 * f / batches);
    std::printf("ratio: %.2f (FULL over NORMAL)\n", f / n);
    return 0;
}
