#include "core/run/run_merge.h"

#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/run/run_settings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>

namespace vox::run {

namespace {

using nlohmann::json;

struct ShardRun {
    std::string file;
    store::RunRecord run;
    RunSettings settings;
    std::string variant, dataset;
    json manifest;
    std::string where() const { return file + " run " + std::to_string(run.id); }
};

struct ShardFile {
    std::string path;
    std::unique_ptr<store::ProjectStore> store;
    std::map<int64_t, store::DatasetRecord> datasets;
    std::map<int64_t, store::VariantRecord> variants;
};

std::string shardName(const RunSettings& s)
{
    return std::to_string(s.shardIndex) + "/" + std::to_string(s.shardCount);
}

// The settings as one text with the shard left out: what the shards of one run share.
std::string withoutShard(RunSettings s)
{
    s.shardIndex = 0;
    s.shardCount = 1;
    return toJson(s);
}

// "beam 1 vs 5, limit 0 vs 20": the settings two shards do not share.
std::string settingsDifference(const RunSettings& a, const RunSettings& b)
{
    const json ja = json::parse(withoutShard(a)), jb = json::parse(withoutShard(b));
    std::string out;
    for (const auto& [key, value] : ja.items()) {
        const json other = jb.contains(key) ? jb[key] : json(nullptr);
        if (value != other)
            out += (out.empty() ? "" : ", ") + key + " " + value.dump() + " vs " + other.dump();
    }
    for (const auto& [key, value] : jb.items())
        if (!ja.contains(key))
            out += (out.empty() ? "" : ", ") + key + " (none) vs " + value.dump();
    return out;
}

Expected<ShardFile> openShard(const std::filesystem::path& path)
{
    ShardFile f;
    f.path = path.string();
    auto store = store::ProjectStore::open(path, store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    f.store = std::move(*store);
    auto datasets = f.store->datasets();
    auto variants = f.store->variants();
    if (!datasets || !variants)
        return datasets ? variants.error() : datasets.error();
    for (auto& d : *datasets)
        f.datasets[d.id] = std::move(d);
    for (auto& v : *variants)
        f.variants[v.id] = std::move(v);
    return f;
}

// The merged run's card: the first shard's, without the shard, with every shard's sessions.
std::string mergedCard(const std::vector<const ShardRun*>& shards)
{
    json card = json::parse(shards.front()->run.cardJson, nullptr, false);
    RunSettings settings = shards.front()->settings;
    settings.shardIndex = 0;
    settings.shardCount = 1;
    card["settings"] = json::parse(toJson(settings));
    json sessions = json::array();
    for (const ShardRun* s : shards) {
        const json shardCard = json::parse(s->run.cardJson, nullptr, false);
        if (shardCard.is_object() && shardCard.contains("sessions") && shardCard["sessions"].is_array())
            for (json session : shardCard["sessions"]) {
                session["shard"] = shardName(s->settings);
                sessions.push_back(std::move(session));
            }
    }
    card["sessions"] = std::move(sessions);
    card["merged_from"] = json::array();
    for (const ShardRun* s : shards)
        card["merged_from"].push_back({{"shard", shardName(s->settings)}, {"file", s->file}, {"run", s->run.id}});
    return card.dump();
}

} // namespace

Expected<std::vector<MergedRun>> mergeShards(store::ProjectStore& target, const std::vector<std::filesystem::path>& paths)
{
    if (auto w = target.writable(); !w)
        return w.error();
    std::vector<ShardFile> files;
    std::vector<ShardRun> shardRuns;
    for (const auto& path : paths) {
        auto file = openShard(path);
        if (!file)
            return file.error();
        auto runs = file->store->runs();
        if (!runs)
            return runs.error();
        for (const auto& r : *runs) {
            auto card = readRunCard(r.cardJson);
            if (!card)
                return makeError(file->path + " run " + std::to_string(r.id) + ": " + card.error().message);
            if (card->settings.shardCount <= 1)
                continue; // not a shard: a run of its own
            ShardRun s{file->path, r, card->settings, file->variants[r.variantId].name,
                       file->datasets[r.datasetId].name, json::parse(file->variants[r.variantId].manifestJson, nullptr, false)};
            if (r.status != "finished")
                return makeError("shard " + shardName(s.settings) + " of " + s.variant + " (" + s.where() + ") is " + r.status
                                 + (r.message.empty() ? "" : " (" + r.message + ")")
                                 + ": finish it (voxbench-cli run --resume) before merging");
            shardRuns.push_back(std::move(s));
        }
        files.push_back(std::move(*file));
    }
    if (shardRuns.empty())
        return makeError("the given files hold no shard runs (voxbench-cli run --shard K/N)");

    // One group per variant and dataset; its shards must share everything but the shard.
    std::map<std::pair<std::string, std::string>, std::vector<const ShardRun*>> groups;
    for (const auto& s : shardRuns)
        groups[{s.variant, s.dataset}].push_back(&s);
    auto targetDatasets = target.datasets();
    auto targetVariants = target.variants();
    if (!targetDatasets || !targetVariants)
        return targetDatasets ? targetVariants.error() : targetDatasets.error();
    struct Plan {
        std::vector<const ShardRun*> shards; // by shard index
        int64_t variantId = 0, datasetId = 0;
    };
    std::vector<Plan> plans;
    for (auto& [key, members] : groups) {
        const auto& [variant, dataset] = key;
        const ShardRun& first = *members.front();
        for (const ShardRun* m : members) {
            if (withoutShard(m->settings) != withoutShard(first.settings))
                return makeError("the shards of " + variant + " over \"" + dataset + "\" were run with different settings ("
                                 + first.where() + " and " + m->where() + ": " + settingsDifference(first.settings, m->settings)
                                 + "); run them again with the same settings");
            if (m->settings.shardCount != first.settings.shardCount)
                return makeError("the shards of " + variant + " split the run differently: " + first.where() + " is shard "
                                 + shardName(first.settings) + ", " + m->where() + " is shard " + shardName(m->settings));
            if (m->manifest != first.manifest)
                return makeError("the package of " + variant + " differs between " + first.where() + " and " + m->where()
                                 + " (its manifest or checksums): merge shards of one package only");
        }
        Plan plan;
        plan.shards.assign(size_t(first.settings.shardCount), nullptr);
        for (const ShardRun* m : members) {
            const ShardRun*& slot = plan.shards[size_t(m->settings.shardIndex)];
            if (slot)
                return makeError("shard " + shardName(m->settings) + " of " + variant + " over \"" + dataset
                                 + "\" is given twice: " + slot->where() + " and " + m->where());
            slot = m;
        }
        for (size_t k = 0; k < plan.shards.size(); ++k)
            if (!plan.shards[k])
                return makeError("shard " + std::to_string(k) + "/" + std::to_string(plan.shards.size()) + " of " + variant
                                 + " over \"" + dataset + "\" is missing: none of the given files holds it");
        const auto v = std::find_if(targetVariants->begin(), targetVariants->end(),
                                    [&](const store::VariantRecord& r) { return r.name == variant; });
        if (v == targetVariants->end())
            return makeError(target.path().string() + " has no variant " + variant + " to merge its shards into");
        if (json::parse(v->manifestJson, nullptr, false) != first.manifest)
            return makeError("the package of " + variant + " in " + target.path().string() + " differs from the shards' ("
                             + first.where() + "): merge into the project the shards were made from");
        const auto d = std::find_if(targetDatasets->begin(), targetDatasets->end(),
                                    [&](const store::DatasetRecord& r) { return r.name == dataset; });
        if (d == targetDatasets->end())
            return makeError(target.path().string() + " has no dataset \"" + dataset + "\" to merge the shards of " + variant
                             + " into");
        plan.variantId = v->id;
        plan.datasetId = d->id;
        plans.push_back(std::move(plan));
    }

    std::vector<MergedRun> merged;
    const auto undo = [&](Error error) -> Expected<std::vector<MergedRun>> {
        for (const auto& m : merged)
            (void)target.deleteRun(m.runId);
        return error;
    };
    for (const Plan& plan : plans) {
        auto utterances = target.utterances(plan.datasetId);
        if (!utterances)
            return undo(utterances.error());
        std::unordered_map<std::string, int64_t> idOf;
        for (const auto& u : runUtterances(*utterances, plan.shards.front()->settings.limit))
            idOf[u.uttId] = u.id;
        const ShardRun& first = *plan.shards.front();
        auto created = target.createRun({0, plan.variantId, plan.datasetId, "cancelled", mergedCard(plan.shards), {}, {}, {}});
        if (!created)
            return undo(created.error());
        // What a merge cut short leaves behind says so.
        if (auto marked = target.setRunStatus(*created, "cancelled", "being merged from shards; if this stays, the merge "
                                                                       "did not finish: delete the run and merge again");
            !marked)
            return undo(marked.error());
        merged.push_back({*created, first.variant, first.dataset, int(plan.shards.size()), 0});
        std::unordered_map<int64_t, std::string> seen; // target utterance id -> the shard that gave it
        for (const ShardRun* s : plan.shards) {
            const auto file = std::find_if(files.begin(), files.end(), [&](const ShardFile& f) { return f.path == s->file; });
            auto shardUtterances = file->store->utterances(s->run.datasetId);
            auto results = file->store->results(s->run.id);
            if (!shardUtterances || !results)
                return undo(shardUtterances ? results.error() : shardUtterances.error());
            std::unordered_map<int64_t, const std::string*> uttIdOf;
            for (const auto& u : *shardUtterances)
                uttIdOf[u.id] = &u.uttId;
            const auto expected = runUtterances(*shardUtterances, s->settings);
            if (results->size() != expected.size())
                return undo(makeError(s->where() + " holds " + std::to_string(results->size()) + " results for the "
                                      + std::to_string(expected.size()) + " utterances of shard " + shardName(s->settings)));
            for (auto& r : *results) {
                const auto name = uttIdOf.find(r.utteranceId);
                const auto to = name == uttIdOf.end() ? idOf.end() : idOf.find(*name->second);
                if (to == idOf.end())
                    return undo(makeError(s->where() + ": utterance " + (name == uttIdOf.end() ? std::to_string(r.utteranceId) : *name->second)
                                          + " is not in \"" + s->dataset + "\" of " + target.path().string()));
                if (const auto [it, fresh] = seen.emplace(to->second, s->where()); !fresh)
                    return undo(makeError("utterance " + *name->second + " is in two shards: " + it->second + " and " + s->where()));
                r.runId = *created;
                r.utteranceId = to->second;
            }
            if (auto added = target.addResults(*results); !added)
                return undo(added.error());
            merged.back().results += int64_t(results->size());
        }
        if (merged.back().results != int64_t(idOf.size()))
            return undo(makeError("the shards of " + first.variant + " hold " + std::to_string(merged.back().results)
                                  + " results; the run covers " + std::to_string(idOf.size()) + " utterances"));
        if (auto done = target.setRunStatus(*created, "finished"); !done)
            return undo(done.error());
    }
    return merged;
}

} // namespace vox::run
