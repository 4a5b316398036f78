#include "core/run/run_executor.h"

#include "core/dataset/dataset_import.h"
#include "core/kws/kws_types.h"
#include "core/run/run_execution.h"
#include "core/store/run_lease.h"

#include <algorithm>

namespace vox::run {

using store::ProjectStore;
using store::UtteranceRecord;

namespace {

// Whisper packages run over speech datasets, KWS packages over KWS datasets; anything else is
// refused with what to pair instead. Empty: the pair runs.
std::string pairingProblem(const std::string& family, const store::VariantRecord& variant,
                           const store::DatasetRecord& dataset)
{
    const bool kwsData = dataset::isKwsFormat(dataset.format);
    const std::string name = "variant " + variant.name + " is a " + (family.empty() ? "unknown" : family) + " package";
    if (family == "whisper" && kwsData)
        return name + "; dataset " + dataset.name + " is a keyword-spotting dataset (" + dataset.format
               + "), which takes KWS packages (kws-crnn); run a Whisper package over a speech dataset";
    if (family == kws::kFamily && !kwsData)
        return name + "; dataset " + dataset.name + " is a speech dataset (" + dataset.format
               + "), which takes Whisper packages; run a KWS package over a KWS dataset (kws-clips, kws-stream or "
                 "label-folders: voxbench-cli import)";
    if (family != "whisper" && family != kws::kFamily)
        return name + "; runs take Whisper packages (over speech datasets) or KWS packages (kws-crnn, over KWS datasets)";
    return {};
}

RunOutcome execute(ProjectStore& store, store::RunRecord run, RunControl& control, const RunEvents& events,
                   const store::RunLeaseHolder& lease)
{
    detail::Execution execution(store, std::move(run), control, events, &lease);
    if (auto stopped = execution.prepare())
        return *stopped;
    if (const auto problem = pairingProblem(execution.family(), execution.variant(), execution.dataset()); !problem.empty())
        return execution.stop(RunStatus::Failed, problem);
    if (execution.family() == kws::kFamily)
        return detail::executeKwsRun(execution);
    return detail::executeWhisperRun(execution);
}

} // namespace

std::vector<UtteranceRecord> runUtterances(std::vector<UtteranceRecord> all, int64_t limit, int shardIndex, int shardCount)
{
    std::sort(all.begin(), all.end(), [](const UtteranceRecord& a, const UtteranceRecord& b) { return a.id < b.id; });
    if (limit > 0 && int64_t(all.size()) > limit)
        all.resize(size_t(limit));
    if (shardCount <= 1)
        return all;
    std::vector<UtteranceRecord> shard;
    shard.reserve(all.size() / size_t(shardCount) + 1);
    for (size_t i = size_t(std::max(shardIndex, 0)); i < all.size(); i += size_t(shardCount))
        shard.push_back(std::move(all[i]));
    return shard;
}

Expected<int64_t> createRun(ProjectStore& store, int64_t variantId, int64_t datasetId, const RunSettings& given)
{
    auto settings = checked(given);
    if (!settings)
        return settings.error();
    auto variants = store.variants();
    if (!variants)
        return variants.error();
    auto datasets = store.datasets();
    if (!datasets)
        return datasets.error();
    auto v = std::find_if(variants->begin(), variants->end(), [&](const auto& x) { return x.id == variantId; });
    auto d = std::find_if(datasets->begin(), datasets->end(), [&](const auto& x) { return x.id == datasetId; });
    if (v == variants->end())
        return makeError("the project has no variant " + std::to_string(variantId));
    if (d == datasets->end())
        return makeError("the project has no dataset " + std::to_string(datasetId));
    store::RunRecord run;
    run.variantId = variantId;
    run.datasetId = datasetId;
    run.status = runStatusName(RunStatus::Queued);
    run.cardJson = makeRunCard(*settings, *v, *d);
    return store.createRun(run);
}

RunOutcome executeRun(const std::filesystem::path& project, int64_t runId, RunControl& control, const RunEvents& events)
{
    auto opened = ProjectStore::open(project, ProjectStore::Mode::OpenExisting);
    if (!opened)
        return {RunStatus::Failed, opened.error().describe(), {}};
    auto run = (*opened)->run(runId);
    if (!run)
        return {RunStatus::Failed, run.error().describe(), {}};
    auto lease = store::RunLeaseHolder::acquire(**opened, runId);
    if (!lease)
        return {RunStatus::Failed, lease.error().describe(), {}};
    if (!lease->holder)
        return {RunStatus::Failed, store::describeHeldLease(*lease->heldBy), {}, true};
    try {
        return execute(**opened, std::move(*run), control, events, *lease->holder);
    } catch (const std::exception& e) {
        const std::string message = std::string("the run stopped on an unexpected error: ") + e.what();
        (void)(*opened)->setRunStatus(runId, runStatusName(RunStatus::Failed), message);
        return {RunStatus::Failed, message, {}};
    }
}

} // namespace vox::run
