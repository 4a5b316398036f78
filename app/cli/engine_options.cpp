#include "app/cli/engine_options.h"

#include <cstdio>

#include <CLI/CLI.hpp>

#include <charconv>

namespace vox::cli {

namespace {

// -1 (the package's default) or a positive count: 0 new tokens would decode nothing.
const CLI::Validator kMaxTokens(
    [](std::string& text) -> std::string {
        int value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size())
            return {}; // not a number: the conversion to int says so
        if (value == -1 || value >= 1)
            return {};
        return "Value " + text + " is neither -1 (the package's default) nor at least 1";
    },
    "-1 or >= 1", "MAX_TOKENS");

} // namespace

void addEngineOptions(CLI::App& command, run::RunSettings& settings, const EngineOptionChoice& choice)
{
    command.add_option("--device", settings.device, "cpu or cuda[:N]")->capture_default_str();
    command.add_option("--dtype", settings.dtype, "auto (the package's), float32, float16, bfloat16")
        ->capture_default_str();
    command.add_option("--threads", settings.threads, "CPU threads (0: libtorch's default)")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    if (choice.parallel)
        command
            .add_option("--parallel", settings.parallel,
                        "Whisper: batches decoded at once over the one loaded model, each with threads/parallel "
                        "threads (0: one per thread on the CPU, 1 on a GPU)")
            ->check(CLI::Range(0, 256))
            ->capture_default_str();
    command.add_option("--batch", settings.batch, "Utterances decoded together (greedy)")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    command.add_option("--beam", settings.beam, "Beam size (1: greedy)")->check(CLI::Range(1, 64))->capture_default_str();
    command.add_option("--max-tokens", settings.maxTokens, "New tokens per 30-second window (-1: the package's default)")
        ->check(kMaxTokens)
        ->capture_default_str();
    command
        .add_option_function<double>(
            "--no-speech-threshold", [&settings](double p) { settings.noSpeechThreshold = p; },
            "Whisper: a window whose no-speech probability is above this gives no text (OpenAI's no_speech_threshold, "
            "e.g. 0.6; unset: text is always kept, the probability is reported anyway)")
        ->check(CLI::Range(0.0, 1.0));
    if (choice.warmup)
        command.add_option("--warmup", settings.warmup, choice.warmupHelp)->check(CLI::Range(0, 100))->capture_default_str();
    if (choice.repeats)
        command.add_option("--repeats", settings.repeats, "Timed decodes per batch (median kept)")
            ->check(CLI::Range(1, 100))
            ->capture_default_str();
    if (choice.chunk)
        command.add_option("--chunk", settings.chunkSamples,
                           "KWS streams: samples per stream step (0: the package's chunk; else a multiple of its hop)")
            ->check(CLI::NonNegativeNumber)
            ->capture_default_str();
    command.add_flag("--optimize", settings.optimize, "Freeze and optimize the model for inference at load (CPU, float32)");
    if (choice.languageAndTask) {
        command.add_option("--language", settings.language, "Language code (multilingual packages)")->capture_default_str();
        command.add_option("--task", settings.task, "transcribe or translate (multilingual packages)")
            ->capture_default_str();
    }
}

std::vector<std::string> runArguments(const run::RunSettings& s)
{
    std::vector<std::string> out{"--device", s.device, "--dtype", s.dtype, "--threads", std::to_string(s.threads),
                                 "--parallel", std::to_string(s.parallel), "--batch", std::to_string(s.batch),
                                 "--beam", std::to_string(s.beam), "--max-tokens", std::to_string(s.maxTokens),
                                 "--warmup", std::to_string(s.warmup), "--repeats", std::to_string(s.repeats),
                                 "--chunk", std::to_string(s.chunkSamples), "--limit", std::to_string(s.limit)};
    if (s.noSpeechThreshold) {
        char p[32];
        std::snprintf(p, sizeof p, "%.17g", *s.noSpeechThreshold);
        out.insert(out.end(), {"--no-speech-threshold", p});
    }
    if (s.optimize)
        out.push_back("--optimize");
    return out;
}

} // namespace vox::cli
