#include "app/cli/slurm_job.h"

#include "core/run/run_card.h"
#include "core/store/project_store.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace vox::cli {

namespace {

using nlohmann::json;

std::string selfExecutable()
{
    std::error_code ec;
    const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("voxbench-cli") : path.string();
}

// Runs a command line through the shell; its standard output and exit status.
std::pair<std::string, int> capture(const std::string& command)
{
    std::string out;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return {"cannot start: " + command, -1};
    std::array<char, 4096> buffer{};
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    const int status = pclose(pipe);
    return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

Expected<Done> writeText(const std::string& path, const std::string& text, bool executable)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        return makeError("cannot write the file", path);
    if (executable)
        std::filesystem::permissions(path, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
    return Done{};
}

std::string header(const SlurmJob& job, const std::string& name, const std::string& log, bool resources)
{
    std::ostringstream s;
    s << "#!/bin/bash\n#SBATCH --job-name=" << name << "\n#SBATCH --output=" << log << "\n";
    if (!job.partition.empty())
        s << "#SBATCH --partition=" << job.partition << "\n";
    if (resources) {
        s << "#SBATCH --cpus-per-task=" << std::max(1, job.cpus > 0 ? job.cpus : job.settings.threads) << "\n";
        if (!job.time.empty())
            s << "#SBATCH --time=" << job.time << "\n";
        if (!job.memory.empty())
            s << "#SBATCH --mem=" << job.memory << "\n";
        if (job.gpus > 0)
            s << "#SBATCH --gpus-per-task=" << job.gpus << "\n";
        for (const auto& e : job.extra)
            s << "#SBATCH " << e << "\n";
    }
    return s.str();
}

} // namespace

std::string shellQuoted(const std::string& text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Expected<Done> SlurmJob::writeFiles(const std::vector<std::string>& runArguments) const
{
    const std::string cli = shellQuoted(selfExecutable());
    std::ostringstream run;
    run << header(*this, "voxbench-shards", dir + "/logs/shard-%a.log", true)
        << "# Written by voxbench-cli slurm: shard $SLURM_ARRAY_TASK_ID of " << shards
        << " into its own project file (SQLite is written by one node only); merge.sbatch joins them.\n"
        << "set -eu\nk=${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array}\n"
        << "exec " << cli << " run -p " << shellQuoted(dir) << "/shard-$k.voxbench";
    for (const auto& v : variants)
        run << " --variant " << shellQuoted(v);
    run << " --dataset " << shellQuoted(dataset) << " --shard $k/" << shards;
    for (const auto& a : runArguments)
        run << " " << shellQuoted(a);
    if (trust)
        run << " --trust";
    run << "\n";
    std::ostringstream merge;
    merge << header(*this, "voxbench-merge", dir + "/logs/merge.log", false) << "set -eu\nexec " << cli << " merge -p "
          << shellQuoted(project);
    for (int k = 0; k < shards; ++k)
        merge << " " << shellQuoted(shardProject(k));
    merge << "\n";
    if (auto w = writeText(dir + "/run.sbatch", run.str(), true); !w)
        return w;
    return writeText(dir + "/merge.sbatch", merge.str(), true);
}

Expected<Done> SlurmJob::save() const
{
    const json j{{"project", project}, {"dataset", dataset}, {"variants", variants}, {"shards", shards},
                 {"settings", json::parse(run::toJson(settings))}, {"array_jobs", arrayJobs}, {"merge_jobs", mergeJobs}};
    return writeText(dir + "/job.json", j.dump(2) + "\n", false);
}

Expected<SlurmJob> SlurmJob::load(const std::string& dir)
{
    std::ifstream in(dir + "/job.json");
    if (!in)
        return makeError("no job.json: not a job folder of voxbench-cli slurm", dir);
    const json j = json::parse(in, nullptr, false);
    if (!j.is_object())
        return makeError("job.json is not a JSON object", dir);
    SlurmJob job;
    job.dir = dir;
    try {
        job.project = j.value("project", "");
        job.dataset = j.value("dataset", "");
        job.variants = j.value("variants", std::vector<std::string>{});
        job.shards = j.value("shards", 0);
        job.arrayJobs = j.value("array_jobs", std::vector<std::string>{});
        job.mergeJobs = j.value("merge_jobs", std::vector<std::string>{});
        if (auto s = run::runSettingsFromJson(j.at("settings").dump()); s)
            job.settings = *s;
    } catch (const json::exception& e) {
        return makeError(std::string("job.json: ") + e.what(), dir);
    }
    return job;
}

ShardState shardState(const SlurmJob& job, int shard)
{
    ShardState state;
    auto store = store::ProjectStore::open(job.shardProject(shard), store::ProjectStore::Mode::ReadOnly);
    if (!store) {
        state.text = store.error().describe();
        return state;
    }
    auto runs = (*store)->runs();
    auto counts = (*store)->resultCounts();
    auto variants = (*store)->variants();
    if (!runs || !counts || !variants) {
        state.text = "cannot read the shard project";
        return state;
    }
    int finished = 0;
    for (const auto& r : *runs) {
        std::string name;
        for (const auto& v : *variants)
            if (v.id == r.variantId)
                name = v.name;
        int64_t done = 0;
        for (const auto& c : *counts)
            if (c.runId == r.id)
                done = c.results;
        state.text += (state.text.empty() ? "" : ", ") + name + " " + r.status + " (" + std::to_string(done) + " results)";
        finished += r.status == "finished";
    }
    if (runs->empty())
        state.text = "no run yet";
    state.finished = finished == int(job.variants.size());
    return state;
}

Expected<std::string> submitBatch(const std::vector<std::string>& args)
{
    std::string command = "sbatch --parsable";
    for (const auto& a : args)
        command += " " + shellQuoted(a);
    const auto [out, status] = capture(command);
    if (status != 0)
        return makeError("sbatch failed (" + std::to_string(status) + "): " + out);
    const std::string id = out.substr(0, out.find_first_of(";\n"));
    if (id.empty())
        return makeError("sbatch printed no job id: " + out);
    return id;
}

std::map<int, std::string> queuedTasks(const SlurmJob& job)
{
    std::map<int, std::string> out;
    for (const auto& id : job.arrayJobs) {
        const auto [text, status] = capture("squeue -h -r -j " + shellQuoted(id) + " -o '%i %T'");
        if (status != 0)
            continue;
        std::istringstream lines(text);
        std::string task, state;
        while (lines >> task >> state) {
            const auto underscore = task.find('_');
            if (underscore != std::string::npos && task.find('[') == std::string::npos)
                out[std::stoi(task.substr(underscore + 1))] = state;
        }
    }
    return out;
}

std::string queuedJob(const std::string& id)
{
    const auto [text, status] = capture("squeue -h -j " + shellQuoted(id) + " -o '%T'");
    if (status != 0)
        return {};
    return text.substr(0, text.find('\n'));
}

void cancelJob(const std::string& id)
{
    (void)capture("scancel " + shellQuoted(id));
}

} // namespace vox::cli
