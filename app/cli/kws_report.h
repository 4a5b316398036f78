#pragma once
// How `voxbench-cli run` and `runs` show keyword-spotting runs: one table per dataset (clip
// datasets: the FA/FR area with its interval and pass mark, FRR at a false-alarm rate, accuracy;
// stream datasets: false alarms per hour and miss rate at the threshold, the miss rate at a
// number of false alarms per hour), each with MACs per second, parameters, peak memory, time per
// clip or chunk, real-time factor and the ratios to a baseline run over the same dataset.
#include "app/cli/cli_context.h"
#include "core/run/kws_results.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace vox::cli {

enum class ReportFormat { Table, Json, Markdown };

struct KwsReportOptions {
    run::KwsTargets targets;
    // The variant the others are compared with, per dataset (its first run over it); empty: the
    // variant of the first KWS run over the dataset.
    std::string baseline;
};

// Prints `runs` (all KWS runs) as tables (Table, Markdown); for Json, appends one object per run
// to `json` instead (with every clip's probabilities and every stream's scores).
void reportKwsRuns(store::ProjectStore& store, const std::vector<store::RunRecord>& runs,
                   const KwsReportOptions& options, ReportFormat format, CliContext& context, nlohmann::json& json);

} // namespace vox::cli
