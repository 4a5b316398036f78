#pragma once
#include "core/run/run_settings.h"
#include "core/store/project_store.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A run card: everything a run's figures were measured with, stored as JSON with the run.
//
//   {"settings": {...RunSettings...},
//    "variant":  {"name", "package", "family", "kind", "parameters"},
//    "dataset":  {"name", "source", "utterances"},
//    "sessions": [{"started_at", "environment": {...EnvironmentFacts...}}, ...]}
//
// A run executed in several sessions (paused, cancelled, crashed and resumed) has one session
// per start; resuming under a different environment is itself a difference the card shows.
namespace vox::run {

struct EnvironmentFacts {
    std::string voxbench;     // VoxBench version
    std::string torch;        // libtorch version
    std::string device;       // what the engine runs on ("cpu", "cuda:0")
    std::string deviceName;
    std::string dtype;        // what the modules run in after load
    int threads = 0;          // CPU threads of the run, over all its workers
    int parallel = 0;         // workers decoding at once (0: a card from before workers)
    std::string threadPools;  // how each worker's threads were spent ("1 thread: OpenBLAS 1 (pthreads), ...")
    std::string quantizedEngines; // int8 packages: "encoder onednn, decoder qnnpack"; empty otherwise
    std::string blasCore;     // OpenBLAS kernels, when libtorch uses OpenBLAS
    std::string cpu;          // /proc/cpuinfo model name
    std::string host;
};

std::string makeRunCard(const RunSettings& settings, const store::VariantRecord& variant,
                        const store::DatasetRecord& dataset);

// One start of the run: when (UTC, as store::utcNow() writes it) and under what.
struct CardSession {
    std::string startedAt;
    EnvironmentFacts environment;
};

// A stored card read back into types. A part the card lacks, or holds with another type, reads
// as empty (0); the settings are checked as when the run was created.
struct RunCard {
    RunSettings settings;     // the defaults when the card has none (hasSettings false)
    bool hasSettings = false;
    std::string variantName, variantPackage, variantFamily, variantKind;
    int64_t variantParameters = 0;
    std::string datasetName, datasetSource;
    int64_t datasetUtterances = 0;
    std::vector<CardSession> sessions; // oldest first
};

// Errors: the text is not a JSON object, or its settings are not valid run settings (the
// message names the setting).
Expected<RunCard> readRunCard(std::string_view cardJson);

// The card with one more session (started now, under `environment`).
std::string withSession(std::string_view card, const EnvironmentFacts& environment);

// The CPU's model name (Linux; empty where unknown). The host name is vox::hostName()
// (core/util/machine.h).
std::string cpuModelName();

struct CardDifference {
    std::string what; // "beam", "threads", "environment: torch", "dataset", ...
    std::string a, b;
};

// Why two runs' figures are not comparable: every difference in settings, dataset and
// environment (the environment of each card's first session). The variant is what a
// comparison compares, so it is never listed. Empty: comparable.
std::vector<CardDifference> differences(std::string_view cardA, std::string_view cardB);

// "beam 1 vs 5; threads 1 vs 2" (empty when there is none).
std::string describe(const std::vector<CardDifference>& list);

} // namespace vox::run
