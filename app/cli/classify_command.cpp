#include "app/cli/classify_command.h"

#include "app/cli/classify_stream.h"
#include "app/cli/json_output.h"
#include "core/audio/audio_decoder.h"
#include "core/kws/demo_data.h"
#include "core/kws/metrics.h"
#include "core/torch/torch_runtime.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <map>
#include <memory>
#include <sstream>

namespace vox::cli {

namespace {

struct Clip {
    std::string id;
    std::filesystem::path audio;
    int truth = -1; // label index, -1 when unknown (plain audio files)
    std::string condition;
};

std::string percent(int part, int whole)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(2) << (whole > 0 ? 100.0 * part / whole : 0.0) << "%";
    return s.str();
}

// Clips from a clip manifest (labels mapped to the package's label order) or audio files.
Expected<std::vector<Clip>> collectClips(const ClassifyArgs& a, const kws::PackageInfo& package)
{
    std::vector<Clip> clips;
    for (const auto& input : a.inputs) {
        if (kws::demoFileKind(input) != kws::DemoFile::Clips) {
            clips.push_back({std::filesystem::path(input).stem().string(), input, -1, ""});
            continue;
        }
        auto set = kws::readClipSet(input);
        if (!set)
            return set.error();
        for (const auto& c : set->clips) {
            const auto at = std::find(package.labels.begin(), package.labels.end(), c.label);
            if (at == package.labels.end())
                return makeError("clip '" + c.id + "' is labelled '" + c.label + "', which the model does not know",
                                 input);
            clips.push_back({c.id, c.audio, int(at - package.labels.begin()), c.condition});
        }
    }
    if (a.limit > 0 && clips.size() > a.limit)
        clips.resize(a.limit);
    if (clips.empty())
        return makeError("nothing to classify: give a clip manifest or audio files");
    return clips;
}

void printSummary(const ClassifyArgs& a, const kws::PackageInfo& p, const std::vector<Clip>& clips,
                  const std::vector<int>& predicted, const RunTimes& times, CliContext& context)
{
    std::vector<int> truth;
    std::map<std::string, std::pair<int, int>> byCondition; // condition family -> (correct, clips)
    for (size_t i = 0; i < clips.size(); ++i) {
        truth.push_back(clips[i].truth);
        if (clips[i].truth >= 0 && predicted[i] >= 0) {
            // "noisy-pink" and "unseen-voice+hum" count as "noisy" and "unseen-voice".
            std::string family = clips[i].condition.substr(0, clips[i].condition.find('+'));
            if (family.rfind("noisy-", 0) == 0)
                family = "noisy";
            auto& [correct, n] = byCondition[p.labels[size_t(clips[i].truth)] + "/" + family];
            correct += clips[i].truth == predicted[i];
            ++n;
        }
    }
    const auto s = kws::summarizeClips(p.labels.size(), truth, predicted);
    const size_t n = clips.size();
    if (a.output == "json") {
        nlohmann::json j{{"package", p.folder.string()}, {"name", p.name}, {"variant", p.variantKind},
                         {"parameters", p.parameterCount}, {"clips", n}, {"labelled", s.clips},
                         {"correct", s.correct}, {"accuracy", s.accuracy()}, {"labels", p.labels},
                         {"confusion", s.confusion}, {"threads", a.threads}, {"batch", a.batch},
                         {"warmup", a.warmup}, {"wall_ms_per_clip", n ? times.wallMs / n : 0.0},
                         {"cpu_ms_per_clip", n ? times.cpuMs / n : 0.0}, {"load_ms", times.loadMs}};
        for (const auto& [name, counts] : byCondition)
            j["by_condition"][name] = {{"correct", counts.first}, {"clips", counts.second}};
        context.out << jsonOutput(j) << "\n";
        return;
    }
    if (s.clips > 0) {
        context.out << "accuracy " << percent(s.correct, s.clips) << " (" << s.correct << "/" << s.clips << ")\n";
        context.out << "truth \\ predicted";
        for (const auto& l : p.labels)
            context.out << "\t" << l;
        context.out << "\trecall\n";
        for (size_t t = 0; t < p.labels.size(); ++t) {
            context.out << p.labels[t];
            for (int c : s.confusion[t])
                context.out << "\t" << c;
            context.out << "\t" << percent(s.perLabelCorrect[t], s.perLabelClips[t]) << "\n";
        }
        for (const auto& [name, counts] : byCondition)
            context.out << "  " << name << ": " << percent(counts.first, counts.second) << " (" << counts.first << "/"
                        << counts.second << ")\n";
    }
    context.out << std::fixed << std::setprecision(3) << "time per clip: " << (n ? times.wallMs / n : 0.0)
                << " ms wall, " << (n ? times.cpuMs / n : 0.0) << " ms CPU (" << n << " clips, batch " << a.batch
                << ", " << a.threads << " thread(s), " << a.warmup << " warm-up call(s) not counted; load "
                << times.loadMs << " ms)\n"
                << std::defaultfloat;
}

int runClips(const ClassifyArgs& a, KwsRunner& runner, double loadMs, CliContext& context)
{
    const auto& p = runner.package();
    auto clips = collectClips(a, p);
    if (!clips) {
        context.err << "voxbench-cli classify: " << clips.error().describe() << "\n";
        return 1;
    }
    // Decode everything first: the timed part is the model alone.
    std::vector<std::vector<float>> audio;
    std::vector<bool> decoded;
    for (const auto& c : *clips) {
        audio::DecodeOptions options;
        options.sampleRate = p.sampleRate;
        auto d = audio::decodeAudio(c.audio, options);
        if (!d)
            context.err << "voxbench-cli classify: " << c.id << ": " << d.error().describe() << "\n";
        decoded.push_back(d.ok());
        audio.push_back(d ? std::move(d->samples) : std::vector<float>());
    }
    std::vector<size_t> order;
    for (size_t i = 0; i < audio.size(); ++i)
        if (decoded[i])
            order.push_back(i);
    if (order.empty()) {
        context.err << "voxbench-cli classify: no clip could be decoded\n";
        return 1;
    }
    for (int w = 0; w < a.warmup; ++w) {
        std::vector<std::vector<float>> first;
        for (size_t k = 0; k < order.size() && k < size_t(a.batch); ++k)
            first.push_back(audio[order[k]]);
        if (auto r = runner.classify(first); !r) {
            context.err << "voxbench-cli classify: " << r.error().describe() << "\n";
            return 1;
        }
    }
    std::vector<int> predicted(clips->size(), -1);
    std::vector<kws::ClipResult> results(clips->size());
    RunTimes times;
    times.loadMs = loadMs;
    for (size_t begin = 0; begin < order.size(); begin += size_t(a.batch)) {
        std::vector<std::vector<float>> batch;
        for (size_t k = begin; k < order.size() && k < begin + size_t(a.batch); ++k)
            batch.push_back(audio[order[k]]);
        Stopwatch watch;
        auto r = runner.classify(batch);
        times.add(watch);
        if (!r) {
            context.err << "voxbench-cli classify: " << r.error().describe() << "\n";
            return 1;
        }
        for (size_t k = 0; k < r->size(); ++k) {
            predicted[order[begin + k]] = (*r)[k].predicted;
            results[order[begin + k]] = (*r)[k];
        }
    }
    if (a.output == "text" && !a.summaryOnly) {
        for (size_t i = 0; i < clips->size(); ++i) {
            const auto& c = (*clips)[i];
            if (predicted[i] < 0)
                continue;
            context.out << c.id << "\t" << (c.truth >= 0 ? p.labels[size_t(c.truth)] : "-") << "\t"
                        << p.labels[size_t(predicted[i])] << "\t" << std::fixed << std::setprecision(4)
                        << results[i].probabilities[size_t(predicted[i])] << std::defaultfloat
                        << (c.truth >= 0 && c.truth != predicted[i] ? "\tWRONG" : "") << "\n";
        }
    }
    printSummary(a, p, *clips, predicted, times, context);
    return order.size() == clips->size() ? 0 : 1;
}

int runClassify(const ClassifyArgs& a, CliContext& context)
{
    auto runtime = loadTorchRuntime();
    if (!runtime) {
        context.err << "voxbench-cli classify: " << runtime.error().describe() << "\n";
        return 1;
    }
    kws::ClassifierOptions options;
    options.threads = a.threads;
    Stopwatch load;
    auto runner = (*runtime)->openKws(a.model, options);
    if (!runner) {
        context.err << "voxbench-cli classify: " << runner.error().describe() << "\n";
        return 1;
    }
    const double loadMs = load.wallMs();
    const auto& p = (*runner)->package();
    context.err << "model: " << p.folder.string() << " (" << p.name << ", " << p.variantKind << ", "
                << p.parameterCount << " parameters, labels";
    for (const auto& l : p.labels)
        context.err << " " << l;
    context.err << "), " << a.threads << " thread(s)\n";
    bool stream = a.stream;
    for (const auto& input : a.inputs)
        stream = stream || kws::demoFileKind(input) == kws::DemoFile::Stream;
    return stream ? runStreams(a, **runner, loadMs, context) : runClips(a, **runner, loadMs, context);
}

} // namespace

void addClassifyCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<ClassifyArgs>();
    CLI::App* cmd = app.add_subcommand("classify", "Run a keyword-spotting package on clips or a stream");
    cmd->add_option("--model,-m", a->model, "KWS package folder (voxbench-kws.json)")->required();
    cmd->add_option("inputs", a->inputs, "A clip manifest, a stream manifest, or audio files")->required();
    cmd->add_flag("--stream", a->stream, "Score audio files as streams and print detections");
    cmd->add_option("--threads", a->threads, "Intra-op threads")->check(CLI::Range(0, 256))->capture_default_str();
    cmd->add_option("--batch", a->batch, "Clips per model call")->check(CLI::Range(1, 4096))->capture_default_str();
    cmd->add_option("--warmup", a->warmup, "Untimed calls before timing")->check(CLI::Range(0, 100))->capture_default_str();
    cmd->add_option("--chunk", a->chunk, "Samples per stream step (0: the package's)")->capture_default_str();
    cmd->add_option("--threshold", a->threshold, "Detection threshold (default: the package's)");
    cmd->add_option("--limit", a->limit, "Classify at most this many clips");
    cmd->add_flag("--summary-only", a->summaryOnly, "Text output: leave out the per-clip or per-detection lines");
    cmd->add_option("--output,-o", a->output, "text or json (one summary object)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->callback([a, &context, &exitCode] { exitCode = runClassify(*a, context); });
}

} // namespace vox::cli
