// Child process of tst_store_crash: writes results into a project in small batches, forever,
// printing "ok ID ID ..." after each batch's commit has returned. The parent kills it with
// SIGKILL at a random moment and checks what survived.
//   store_crash_writer PROJECT SEED
#include "core/store/project_store.h"

#include <chrono>
#include <cstdio>
#include <thread>
#include <random>
#include <string>

using namespace vox::store;

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: store_crash_writer PROJECT SEED\n");
        return 2;
    }
    std::mt19937 random(static_cast<unsigned>(std::stoul(argv[2])));
    auto opened = ProjectStore::open(argv[1]);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().describe().c_str());
        return 1;
    }
    ProjectStore& store = **opened;

    // First start: one dataset of 50,000 utterances, one variant, one run, each its own
    // transaction; a kill between them leaves the later ones to the next start.
    auto datasets = store.datasets();
    if (!datasets)
        return 1;
    int64_t datasetId = datasets->empty() ? 0 : datasets->front().id;
    if (!datasetId) {
        std::vector<UtteranceRecord> utterances(50000);
        for (size_t i = 0; i < utterances.size(); ++i) {
            utterances[i].uttId = "utt" + std::to_string(i);
            utterances[i].audioPath = "/audio/" + std::to_string(i) + ".flac";
            utterances[i].reference = "the reference text of utterance " + std::to_string(i);
        }
        auto id = store.addDataset({0, "crash", "/audio", "folder", "", "{}", 0}, utterances);
        if (!id) {
            std::fprintf(stderr, "%s\n", id.error().describe().c_str());
            return 1;
        }
        datasetId = *id;
    }
    auto variants = store.variants();
    if (!variants)
        return 1;
    int64_t variantId = variants->empty() ? 0 : variants->front().id;
    if (!variantId) {
        auto id = store.addVariant({0, "v", "/v", "{}"});
        if (!id)
            return 1;
        variantId = *id;
    }
    auto runs = store.runs();
    if (!runs)
        return 1;
    int64_t runId = runs->empty() ? 0 : runs->front().id;
    if (!runId) {
        auto id = store.createRun({0, variantId, datasetId, "running", "{}", "", "", ""});
        if (!id)
            return 1;
        runId = *id;
    }

    // Resume: write what is missing, in random batch sizes.
    auto pending = store.pendingUtterances(runId);
    if (!pending)
        return 1;
    size_t next = 0;
    while (next < pending->size()) {
        // Inference takes time between results; without a pause the run would end before the kill.
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 4000));
        const size_t batch = 1 + random() % 40;
        std::vector<ResultRecord> results;
        for (size_t i = 0; i < batch && next < pending->size(); ++i, ++next)
            results.push_back({runId, (*pending)[next], std::string(200 + random() % 300, 'h'), "[1,2,3]",
                               R"({"encoder_ms":12.5,"decoder_ms":30.25})", int64_t(random()), ""});
        if (auto added = store.addResults(results); !added) {
            std::fprintf(stderr, "%s\n", added.error().describe().c_str());
            return 1;
        }
        std::string line = "ok";
        for (const auto& r : results)
            line += " " + std::to_string(r.utteranceId);
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    }
    std::printf("done\n");
    return 0;
}
