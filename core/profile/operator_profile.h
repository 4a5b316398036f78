#pragma once
#include "core/profile/op_event.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// An operator profile: where a variant's time goes, per operator, built from the profiler's
// events. libtorch's CPU events carry only inclusive times, so self times are derived here by
// nesting the events of each thread (a child starts inside its parent's span).
namespace vox::profile {

// Stages by the engine's user scopes; kOutside: inside no stage scope.
enum StageIndex : int { kFeatures = 0, kEncoder = 1, kDecoder = 2, kOutside = 3, kStageCount = 4 };
const char* stageName(int stage); // "features", "encoder", "decoder", "other"

// Rows that are not operators, so that a table's self times account for the whole profile.
inline constexpr const char* kInterpreterRow = "(TorchScript interpreter)";
inline constexpr const char* kBetweenRow = "(between operators)";

struct OperatorRow {
    std::string name;
    std::string shapes;  // set in the by-shapes table only
    bool pseudo = false; // kInterpreterRow or kBetweenRow
    int64_t calls = 0;
    double selfUs = 0;
    double totalUs = 0;  // inclusive; a call inside a call of the same name counts once
    int64_t flops = 0;
    std::array<double, kStageCount> stageSelfUs{};
};

struct KernelRow {       // device kernels: device time
    std::string name;
    int64_t calls = 0;
    double deviceUs = 0;
};

struct StageRow {
    double wallUs = 0;       // the stage scopes' spans
    double operatorsUs = 0;  // operator self time inside them
};

// What the profile was measured with and how much the profiler cost.
struct CaptureInfo {
    int64_t runId = 0;            // 0: not captured for a run
    std::string variant;          // variant name or package folder
    std::string kind;             // the package's kind (fp32, int8, ...)
    std::string device, dtype, torch;
    std::string settingsJson;     // run::RunSettings as JSON (threads, batch, beam, ...)
    int64_t utterances = 0;
    double audioSeconds = 0;
    int64_t calls = 0;            // engine calls profiled
    double plainMs = 0;           // the same calls without the profiler (median of passes)
    double profiledMs = 0;        // with it
    bool byShapes = true;         // input shapes were recorded
    std::string conditions;       // what else shared the machine ("2 runs executing"); empty: nothing known
    double overhead() const { return plainMs > 0 ? profiledMs / plainMs - 1.0 : 0.0; }
};

struct OperatorProfile {
    CaptureInfo info;
    double wallUs = 0;            // measured around the profiled engine calls
    std::vector<OperatorRow> byName;   // operators and the two pseudo rows, by self time
    std::vector<OperatorRow> byShape;  // the same by name and input shapes
    std::vector<KernelRow> kernels;
    std::array<StageRow, kStageCount> stages{};
    std::vector<OpEvent> events;  // kept for the Chrome trace (at most kMaxEvents)
    int64_t droppedEvents = 0;

    double selfSumUs() const;      // every row's self time (the table's total)
    double operatorsUs() const;    // operators only (no pseudo rows)
    double accounted() const { return wallUs > 0 ? selfSumUs() / wallUs : 0.0; }
    double share(const OperatorRow& row) const { return wallUs > 0 ? row.selfUs / wallUs : 0.0; }
};

inline constexpr size_t kMaxEvents = 250000;

// Builds the tables from the events of one capture; `wallUs` is the measured time of the
// profiled calls. Rows are sorted by self time, largest first.
OperatorProfile buildProfile(std::vector<OpEvent> events, double wallUs);

} // namespace vox::profile
