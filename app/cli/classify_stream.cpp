// `voxbench-cli classify` in stream mode: chunk by chunk with the model's state carried, then
// detections (core/kws/metrics.h), matched against the keyword times when a stream manifest
// gives them.
#include "app/cli/classify_stream.h"

#include "app/cli/json_output.h"

#include "core/audio/audio_decoder.h"
#include "core/kws/demo_data.h"
#include "core/kws/metrics.h"
#include "core/torch/torch_runtime.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <optional>
#include <sstream>

namespace vox::cli {

namespace {

struct StreamInput {
    std::filesystem::path audio;
    std::optional<kws::KeywordStream> known; // from a stream manifest
};

// The spoken item that fills most of the second before `t`, for naming what a false alarm heard.
std::string heardNear(const kws::KeywordStream& s, double t, double window)
{
    const kws::StreamEvent* best = nullptr;
    double bestOverlap = 0;
    for (const auto& e : s.events) {
        const double overlap = std::min(e.end, t) - std::max(e.start, t - window);
        if (overlap > bestOverlap) {
            bestOverlap = overlap;
            best = &e;
        }
    }
    if (!best)
        return "no speech";
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << "'" << best->text << "' " << best->start << "-" << best->end;
    return out.str();
}

int runOne(const ClassifyArgs& a, KwsRunner& runner, const StreamInput& input, double loadMs, CliContext& context)
{
    const auto& p = runner.package();
    audio::DecodeOptions options;
    options.sampleRate = p.sampleRate;
    auto decoded = audio::decodeAudio(input.audio, options);
    if (!decoded) {
        context.err << "voxbench-cli classify: " << decoded.error().describe() << "\n";
        return 1;
    }
    const auto& samples = decoded->samples;
    for (int w = 0; w < a.warmup; ++w) { // a few seconds of the stream, untimed
        std::vector<float> head(samples.begin(), samples.begin() + std::min<size_t>(samples.size(), size_t(p.sampleRate) * 2));
        if (auto r = runner.stream(head, a.chunk); !r) {
            context.err << "voxbench-cli classify: " << r.error().describe() << "\n";
            return 1;
        }
    }
    Stopwatch watch;
    auto result = runner.stream(samples, a.chunk);
    RunTimes times;
    times.add(watch);
    if (!result) {
        context.err << "voxbench-cli classify: " << result.error().describe() << "\n";
        return 1;
    }
    kws::DetectionSettings settings = p.detection;
    if (a.threshold)
        settings.threshold = *a.threshold;
    const auto detections = kws::detectKeyword(result->keywordScores, result->chunkSeconds(), settings);
    std::optional<kws::DetectionMatch> match;
    std::vector<kws::KeywordTime> keywords;
    if (input.known) {
        keywords = input.known->keywordTimes();
        match = kws::matchDetections(detections, keywords, settings.toleranceSeconds);
    }
    const double seconds = double(samples.size()) / p.sampleRate;
    const size_t chunks = result->keywordScores.size();
    const double hours = seconds / 3600.0;

    if (a.output == "json") {
        nlohmann::json j{{"package", p.folder.string()}, {"name", p.name}, {"variant", p.variantKind},
                         {"audio", input.audio.string()}, {"seconds", seconds}, {"chunk_samples", result->chunkSamples},
                         {"chunks", chunks}, {"threshold", settings.threshold}, {"threads", a.threads},
                         {"detections", nlohmann::json::array()}, {"wall_ms", times.wallMs}, {"cpu_ms", times.cpuMs},
                         {"wall_ms_per_chunk", chunks ? times.wallMs / chunks : 0.0},
                         {"cpu_ms_per_chunk", chunks ? times.cpuMs / chunks : 0.0}, {"load_ms", loadMs}};
        for (size_t i = 0; i < detections.size(); ++i) {
            nlohmann::json d{{"seconds", detections[i].seconds}, {"peak", detections[i].peak}};
            if (match)
                d["keyword"] = match->matchedKeyword[i];
            j["detections"].push_back(d);
        }
        if (match) {
            j["keywords"] = match->keywords;
            j["hits"] = match->hits;
            j["misses"] = match->misses;
            j["false_alarms"] = match->falseAlarms;
            j["false_alarms_per_hour"] = hours > 0 ? match->falseAlarms / hours : 0.0;
            j["mean_latency_seconds"] = match->meanLatencySeconds ? nlohmann::json(*match->meanLatencySeconds) : nlohmann::json();
        }
        context.out << jsonOutput(j) << "\n";
        return 0;
    }

    context.out << std::fixed << std::setprecision(3) << "stream " << input.audio.string() << ": " << seconds
                << " s, chunk " << result->chunkSamples << " samples (" << result->chunkSeconds()
                << " s), threshold " << settings.threshold << "\n";
    if (!a.summaryOnly) {
        for (size_t i = 0; i < detections.size(); ++i) {
            context.out << std::setw(9) << detections[i].seconds << "  " << detections[i].peak << "  ";
            if (!match)
                context.out << "detection\n";
            else if (match->matchedKeyword[i] >= 0)
                context.out << "hit, keyword at " << keywords[size_t(match->matchedKeyword[i])].start << "-"
                            << keywords[size_t(match->matchedKeyword[i])].end << "\n";
            else
                context.out << "FALSE ALARM, heard " << heardNear(*input.known, detections[i].seconds, p.clipSeconds) << "\n";
        }
        if (match) {
            std::vector<bool> hit(keywords.size(), false);
            for (int k : match->matchedKeyword)
                if (k >= 0)
                    hit[size_t(k)] = true;
            for (size_t k = 0; k < keywords.size(); ++k)
                if (!hit[k])
                    context.out << "   missed keyword at " << keywords[k].start << "-" << keywords[k].end << "\n";
        }
    }
    if (match) {
        context.out << "keywords " << match->keywords << ": hits " << match->hits << ", misses " << match->misses
                    << ", false alarms " << match->falseAlarms << " (" << std::setprecision(1)
                    << (hours > 0 ? match->falseAlarms / hours : 0.0) << " per hour)" << std::setprecision(3);
        if (match->meanLatencySeconds)
            context.out << ", mean latency after the keyword's end " << *match->meanLatencySeconds << " s";
        context.out << "\n";
    } else {
        context.out << detections.size() << " detection(s)\n";
    }
    context.out << "time: " << seconds << " s of audio in " << times.wallMs / 1000.0 << " s (real-time factor "
                << std::setprecision(5) << (seconds > 0 ? times.wallMs / 1000.0 / seconds : 0.0) << std::setprecision(3)
                << "); per chunk " << (chunks ? times.wallMs / chunks : 0.0) << " ms wall, "
                << (chunks ? times.cpuMs / chunks : 0.0) << " ms CPU\n"
                << std::defaultfloat;
    return 0;
}

} // namespace

int runStreams(const ClassifyArgs& a, KwsRunner& runner, double loadMs, CliContext& context)
{
    int failed = 0;
    for (const auto& in : a.inputs) {
        StreamInput input{in, std::nullopt};
        if (kws::demoFileKind(in) == kws::DemoFile::Stream) {
            auto known = kws::readKeywordStream(in);
            if (!known) {
                context.err << "voxbench-cli classify: " << known.error().describe() << "\n";
                ++failed;
                continue;
            }
            input.audio = known->audio;
            input.known = std::move(*known);
        }
        failed += runOne(a, runner, input, loadMs, context);
    }
    return failed == 0 ? 0 : 1;
}

} // namespace vox::cli
