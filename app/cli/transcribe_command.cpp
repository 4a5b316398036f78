#include "app/cli/transcribe_command.h"

#include "app/cli/engine_options.h"
#include "app/cli/json_output.h"
#include "core/audio/audio_decoder.h"
#include "core/dataset/dataset_import.h"
#include "core/torch/torch_runtime.h"
#include "core/util/parallel.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

namespace vox::cli {

namespace {

struct TranscribeArgs {
    std::string model, dataset;
    std::string output = "trn";
    std::vector<std::string> files;
    size_t limit = 0;
    run::RunSettings settings; // the engine and decoding options
};

struct Item {
    std::string id;
    std::filesystem::path audio;
    double start = 0, end = -1;
};

Expected<std::vector<Item>> collectItems(const TranscribeArgs& a, CliContext& context)
{
    std::vector<Item> items;
    if (!a.dataset.empty()) {
        auto report = dataset::importDataset(a.dataset);
        if (!report)
            return report.error();
        for (const auto& s : report->skipped)
            context.err << s.file << (s.line > 0 ? ":" + std::to_string(s.line) : std::string()) << ": " << s.reason
                        << "\n";
        for (const auto& u : report->utterances)
            items.push_back({u.id, u.audio, u.start, u.end});
    }
    for (const auto& f : a.files)
        items.push_back({std::filesystem::path(f).stem().string(), f, 0, -1});
    if (a.limit > 0 && items.size() > a.limit)
        items.resize(a.limit);
    if (items.empty())
        return makeError("nothing to transcribe: give audio files or --dataset");
    return items;
}

void printResult(const TranscribeArgs& a, const Item& item, const whisper::Transcript& t, CliContext& context)
{
    if (a.output == "json") {
        nlohmann::json j{{"id", item.id},
                         {"audio", item.audio.string()},
                         {"text", t.text},
                         {"tokens", t.tokens},
                         {"cancelled", t.cancelled},
                         {"finished_by", t.finishedBy},
                         {"no_speech_prob", t.noSpeechProbability},
                         {"peak_memory_bytes", t.peakMemoryBytes},
                         {"timings_ms",
                          {{"features", t.timings.featuresMs},
                           {"encoder", t.timings.encoderMs},
                           {"decoder", t.timings.decoderMs},
                           {"decoder_steps", t.timings.decoderSteps},
                           {"total", t.timings.totalMs},
                           {"inside_model", t.timings.forwardMs}}}};
        context.out << jsonOutput(j) << "\n";
    } else if (a.output == "text") {
        context.out << item.id << "\t" << t.text << "\n";
    } else {
        context.out << t.text << " (" << item.id << ")\n";
    }
}

int runTranscribe(const TranscribeArgs& a, CliContext& context)
{
    auto runtime = loadTorchRuntime();
    if (!runtime) {
        context.err << "voxbench-cli transcribe: " << runtime.error().describe() << "\n";
        return 1;
    }
    auto items = collectItems(a, context);
    if (!items) {
        context.err << "voxbench-cli transcribe: " << items.error().describe() << "\n";
        return 1;
    }
    const run::RunSettings& s = a.settings;
    const size_t batchSize = size_t(s.batch);
    const size_t batches = (items->size() + batchSize - 1) / batchSize;
    const int workers = run::workersFor(s, batches);
    auto opened = openWhisperWorkers(**runtime, a.model, run::engineOptions(s, workers), workers);
    if (!opened) {
        context.err << "voxbench-cli transcribe: " << opened.error().describe() << "\n";
        return 1;
    }
    const auto& runners = opened->runners;
    const auto& package = runners.front()->package();
    context.err << "model: " << package.folder.string() << " (" << package.variantKind << ", "
                << package.parameterCount << " parameters) on " << runners.front()->device() << " in "
                << runners.front()->dtype() << ", " << workers << (workers == 1 ? " worker" : " workers at once") << " x "
                << opened->pools.describe()
                << ", beam " << s.beam << ", batch " << s.batch << (s.optimize ? ", optimized for inference" : "")
                << "\n";
    const whisper::DecodeOptions decode = run::decodeOptions(s);

    // Each worker takes the next batch; results are printed in the input's order as they come.
    // A file that cannot be decoded fails its utterance, not the run.
    struct BatchOut {
        bool ready = false;
        std::vector<const Item*> items;
        std::vector<whisper::Transcript> transcripts;
    };
    std::vector<BatchOut> done(batches);
    std::mutex mutex;
    size_t printed = 0, failed = 0;
    double audioSeconds = 0;
    std::atomic<size_t> next{0};
    auto work = [&](WhisperRunner& worker) {
        for (size_t b = next++; b < batches; b = next++) {
            BatchOut out;
            std::vector<std::vector<float>> batchAudio;
            std::string errors;
            double seconds = 0;
            size_t bad = 0;
            for (size_t i = b * batchSize; i < items->size() && i < (b + 1) * batchSize; ++i) {
                const Item& item = (*items)[i];
                audio::DecodeOptions decodeAudio;
                decodeAudio.startSeconds = item.start;
                decodeAudio.endSeconds = item.end;
                auto decoded = audio::decodeAudio(item.audio, decodeAudio);
                if (!decoded) {
                    ++bad;
                    errors += "voxbench-cli transcribe: " + item.id + ": " + decoded.error().describe() + "\n";
                    continue;
                }
                seconds += double(decoded->samples.size()) / decoded->sampleRate;
                out.items.push_back(&item);
                batchAudio.push_back(std::move(decoded->samples));
            }
            if (!batchAudio.empty()) {
                auto transcripts = worker.transcribe(batchAudio, decode, nullptr);
                if (transcripts) {
                    out.transcripts = std::move(*transcripts);
                } else {
                    bad += out.items.size();
                    out.items.clear();
                    errors += "voxbench-cli transcribe: " + transcripts.error().describe() + "\n";
                }
            }
            const std::lock_guard lock(mutex);
            context.err << errors;
            failed += bad;
            audioSeconds += seconds;
            out.ready = true;
            done[b] = std::move(out);
            for (; printed < batches && done[printed].ready; ++printed) {
                for (size_t i = 0; i < done[printed].items.size(); ++i)
                    printResult(a, *done[printed].items[i], done[printed].transcripts[i], context);
                done[printed] = BatchOut{true, {}, {}};
            }
        }
    };
    const auto started = std::chrono::steady_clock::now();
    onWorkers(runners.size(), [&](size_t w) { work(*runners[w]); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    context.err << items->size() - failed << " transcribed, " << failed << " failed; " << audioSeconds
                << " s of audio in " << seconds << " s (real-time factor "
                << (audioSeconds > 0 ? seconds / audioSeconds : 0.0) << ")\n";
    return failed == items->size() ? 1 : 0;
}

} // namespace

void addTranscribeCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<TranscribeArgs>();
    CLI::App* cmd = app.add_subcommand("transcribe", "Run a Whisper model package on audio files or a dataset");
    cmd->add_option("--model,-m", a->model, "Model package folder (voxbench-model.json)")->required();
    cmd->add_option("files", a->files, "Audio files (any format FFmpeg reads)");
    cmd->add_option("--dataset", a->dataset, "A dataset in any supported layout (see import)");
    cmd->add_option("--limit", a->limit, "Transcribe at most this many utterances");
    EngineOptionChoice choice;
    choice.parallel = true;
    choice.languageAndTask = true;
    addEngineOptions(*cmd, a->settings, choice);
    cmd->add_option("--output,-o", a->output, "trn (for score), text, json (tokens, timings, memory)")
        ->check(CLI::IsMember({"trn", "text", "json"}))
        ->capture_default_str();
    cmd->callback([a, &context, &exitCode] { exitCode = runTranscribe(*a, context); });
}

} // namespace vox::cli
