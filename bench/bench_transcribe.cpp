// `voxbench-cli transcribe` on the demo clean set (120 utterances, the demo packages the build
// exports), whole processes, the configurations in turn round by round, medians over rounds:
//   (a) 2 threads / 1 thread                              (goal >= 1.6)
//   (b) int8 / fp32, one thread                           (goal: not slower; 1.3)
//   (c) batch 8 / batch 1 throughput, one thread
//   (d) VoxBench / the Python reference (tools/whisper/bench_reference.py), batch 1, one thread:
//       the model's time after loading on both sides (goal >= 1.5)
//   (e) the engine's share of a GEMM roofline: its matrix-product FLOPs (counted from the
//       package's dims and the decoder steps it took) per second, over a plain one-thread GEMM of
//       the encoder's largest shape measured by torch in the same run
// and asserts that every configuration gives the reference's tokens (fp32 and int8 each).
//
//   bench_transcribe [rounds=3]
// Needs the build's demo packages (build/demo/models) and python3-torch.
#include "core/audio/audio_decoder.h"
#include "core/dataset/dataset_import.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kCli = VOXBENCH_CLI;
const std::string kModels = VOXBENCH_BINARY_DIR "/demo/models/";
const std::string kClean = VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json";

struct Outcome {
    double wallSeconds = 0;  // the whole process
    double modelSeconds = 0; // the model's own time (after loading)
    std::map<std::string, std::vector<int64_t>> tokens;
    int64_t steps = 0;
};

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string slurp(const fs::path& file)
{
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// One `voxbench-cli transcribe` over the clean set; the tokens and times from its JSON lines.
Outcome transcribe(const std::string& variant, const std::string& options, const fs::path& dir)
{
    const fs::path out = dir / "transcribe.json";
    const std::string command = kCli + " transcribe -m " + kModels + variant + " --dataset " + kClean + " " + options
                                + " -o json > " + out.string() + " 2> " + (dir / "transcribe.err").string();
    const auto start = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) {
        std::cerr << "failed: " << command << "\n" << slurp(dir / "transcribe.err");
        std::exit(1);
    }
    Outcome o;
    o.wallSeconds = secondsSince(start);
    std::ifstream in(out);
    std::string line;
    std::set<std::pair<double, double>> batchesSeen; // batched utterances share their batch's timings
    while (std::getline(in, line)) {
        const json j = json::parse(line);
        const auto fileName = fs::path(j["audio"].get<std::string>()).stem().string() + ".f32";
        o.tokens[fileName] = j["tokens"].get<std::vector<int64_t>>();
        const json& t = j["timings_ms"];
        const double total = t["total"].get<double>();
        if (!batchesSeen.emplace(total, t["encoder"].get<double>()).second)
            continue;
        o.modelSeconds += total / 1000.0;
        o.steps += t["decoder_steps"].get<int64_t>();
    }
    return o;
}

// The Python reference over the same audio (raw float32 files), in its own process.
Outcome python(const std::string& variant, const std::string& files, const fs::path& dir)
{
    const fs::path out = dir / "python.json";
    const std::string command = "cd " VOXBENCH_SOURCE_DIR " && OPENBLAS_NUM_THREADS=1 PYTHONDONTWRITEBYTECODE=1 "
                                "/usr/bin/python3 -W ignore -m tools.whisper.bench_reference --threads 1 --package "
                                + kModels + variant + files + " > " + out.string();
    const auto start = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) {
        std::cerr << "failed: " << command << "\n";
        std::exit(1);
    }
    Outcome o;
    o.wallSeconds = secondsSince(start);
    const json j = json::parse(slurp(out));
    o.modelSeconds = j["seconds"].get<double>();
    for (const auto& [name, tokens] : j["files"].items())
        o.tokens[name] = tokens.get<std::vector<int64_t>>();
    return o;
}

// A plain GEMM of the encoder's largest product (its MLP: 300 x 192 times 192 x 768 for the
// demo model) in torch, one thread, GFLOP/s.
double gemmGflops(const json& dims, const fs::path& dir)
{
    const int64_t rows = dims["n_audio_ctx"], width = dims["n_audio_state"];
    const fs::path out = dir / "gemm.txt";
    std::ostringstream script;
    script << "import time, torch\ntorch.set_num_threads(1)\na = torch.randn(" << rows << ", " << width
           << ")\nb = torch.randn(" << width << ", " << 4 * width
           << ")\nfor _ in range(20): a @ b\nbest = 1e9\nfor _ in range(7):\n    s = time.perf_counter()\n"
              "    for _ in range(50): a @ b\n    best = min(best, (time.perf_counter() - s) / 50)\nprint("
           << 2.0 * double(rows) * double(width) * double(4 * width) << " / best / 1e9)\n";
    std::ofstream(dir / "gemm.py") << script.str();
    const std::string command = "OPENBLAS_NUM_THREADS=1 /usr/bin/python3 " + (dir / "gemm.py").string() + " > " + out.string();
    if (std::system(command.c_str()) != 0)
        std::exit(1);
    return std::stod(slurp(out));
}

// Matrix-product FLOPs of one clean-set pass: per window the encoder (two convolutions, the
// layers' projections, attention and MLP), the cross keys/values and the prompt; per decoder
// step the layers at one token (attention over an average context) and the vocabulary projection.
double modelFlops(const json& d, int64_t windows, int64_t steps)
{
    const double frames = 2.0 * d["n_audio_ctx"].get<double>(), ctx = d["n_audio_ctx"], a = d["n_audio_state"],
                 mels = d["n_mels"], t = d["n_text_state"], vocab = d["n_vocab"];
    const double encLayers = d["n_audio_layer"], decLayers = d["n_text_layer"];
    const double encoder = 2 * (frames * mels * a * 3 + ctx * a * a * 3)
                           + encLayers * 2 * (4 * ctx * a * a + 2 * ctx * ctx * a + 2 * ctx * a * 4 * a);
    const double cross = decLayers * 2 * (2 * ctx * a * t);
    const double token = decLayers * 2 * (4 * t * t + 2 * 8 * t + 2 * t * t + 2 * ctx * t + 2 * t * 4 * t) + 2 * t * vocab;
    return double(windows) * (encoder + cross + 3 * token) + double(steps) * token;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const fs::path dir = fs::temp_directory_path() / "voxbench-bench-transcribe";
    fs::create_directories(dir);

    // The clean set as raw float32 for the Python reference, decoded as the CLI decodes it.
    auto report = vox::dataset::importDataset(kClean);
    if (!report) {
        std::cerr << report.error().describe() << "\n";
        return 1;
    }
    std::string files;
    double audioSeconds = 0;
    for (const auto& u : report->utterances) {
        auto decoded = vox::audio::decodeAudio(u.audio);
        if (!decoded) {
            std::cerr << decoded.error().describe() << "\n";
            return 1;
        }
        audioSeconds += double(decoded->samples.size()) / 16000.0;
        const fs::path file = dir / (u.audio.stem().string() + ".f32");
        std::ofstream(file, std::ios::binary)
            .write(reinterpret_cast<const char*>(decoded->samples.data()),
                   std::streamsize(decoded->samples.size() * sizeof(float)));
        files += " " + file.string();
    }
    const json manifest = json::parse(slurp(kModels + "whisper-demo-fp32/voxbench-model.json"));
    const json int8Manifest = json::parse(slurp(kModels + "whisper-demo-int8/voxbench-model.json"));

    struct Config {
        std::string name, variant, options;
        bool isPython = false;
    };
    const std::vector<Config> configs = {
        {"fp32, 1 thread", "whisper-demo-fp32", "--threads 1"},
        {"fp32, 2 threads", "whisper-demo-fp32", "--threads 2"},
        {"fp32, 2 threads, 1 worker", "whisper-demo-fp32", "--threads 2 --parallel 1"},
        {"int8, 1 thread", "whisper-demo-int8", "--threads 1"},
        {"int8, 2 threads", "whisper-demo-int8", "--threads 2"},
        {"fp32, 1 thread, batch 8", "whisper-demo-fp32", "--threads 1 --batch 8"},
        {"Python reference fp32", "whisper-demo-fp32", "", true},
        {"Python reference int8", "whisper-demo-int8", "", true},
    };
    std::map<std::string, std::vector<double>> wall, model;
    std::map<std::string, Outcome> last;
    for (int r = 0; r < rounds; ++r)
        for (const auto& c : configs) {
            Outcome o = c.isPython ? python(c.variant, files, dir) : transcribe(c.variant, c.options, dir);
            wall[c.name].push_back(o.wallSeconds);
            model[c.name].push_back(o.modelSeconds);
            std::printf("round %d  %-28s %6.2f s whole process, %6.2f s in the model\n", r + 1, c.name.c_str(),
                        o.wallSeconds, o.modelSeconds);
            std::fflush(stdout);
            last[c.name] = std::move(o);
        }

    // Tokens: every fp32 configuration equals the fp32 reference; int8 equals the int8 reference.
    bool identical = true;
    for (const auto& c : configs) {
        const bool int8 = c.variant == "whisper-demo-int8";
        const auto& want = last[int8 ? "Python reference int8" : "Python reference fp32"].tokens;
        const bool same = last[c.name].tokens == want;
        identical = identical && same;
        if (!same)
            std::printf("TOKENS DIFFER: %s\n", c.name.c_str());
    }
    const double gflops = gemmGflops(manifest["dims"], dir);
    const auto& one = last["fp32, 1 thread"];
    const double flops = modelFlops(manifest["dims"], int64_t(report->utterances.size()), one.steps);

    auto w = [&](const std::string& n) { return median(wall[n]); };
    auto m = [&](const std::string& n) { return median(model[n]); };
    std::printf("\n%zu utterances, %.1f s of audio, greedy; medians of %d rounds; int8 engines: encoder %s, decoder %s\n",
                report->utterances.size(), audioSeconds, rounds,
                int8Manifest["variant"]["options"]["quantization_engines"]["encoder"].get<std::string>().c_str(),
                int8Manifest["variant"]["options"]["quantization_engines"]["decoder"].get<std::string>().c_str());
    std::printf("tokens identical to the Python reference in every configuration: %s\n", identical ? "yes" : "NO");
    auto two = [](double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", v);
        return std::string(text);
    };
    const std::vector<std::pair<std::string, std::string>> ratios = {
        {"a", two(w("fp32, 1 thread") / w("fp32, 2 threads")) + " (whole process, fp32: 1 thread / 2 threads; goal >= 1.6); "
                  "2 threads in 1 worker: " + two(w("fp32, 1 thread") / w("fp32, 2 threads, 1 worker"))},
        {"b", two(w("fp32, 1 thread") / w("int8, 1 thread")) + " (whole process, 1 thread: fp32 / int8; goal >= 1.0, 1.3); "
                  "in the model " + two(m("fp32, 1 thread") / m("int8, 1 thread")) + "; 2 threads "
                  + two(w("fp32, 2 threads") / w("int8, 2 threads"))},
        {"c", two(w("fp32, 1 thread") / w("fp32, 1 thread, batch 8")) + " (whole process, 1 thread: batch 1 / batch 8); "
                  "in the model " + two(m("fp32, 1 thread") / m("fp32, 1 thread, batch 8"))},
        {"d", two(m("Python reference fp32") / m("fp32, 1 thread"))
                  + " (in the model, batch 1, 1 thread: Python reference / VoxBench, fp32; goal >= 1.5); int8 "
                  + two(m("Python reference int8") / m("int8, 1 thread")) + "; whole process fp32 "
                  + two(w("Python reference fp32") / w("fp32, 1 thread"))},
        {"e", two(flops / m("fp32, 1 thread") / 1e9 / gflops) + " (the engine's matrix-product GFLOP/s, "
                  + two(flops / m("fp32, 1 thread") / 1e9) + ", over a plain GEMM's, " + two(gflops) + ", one thread, fp32)"},
    };
    for (const auto& [id, text] : ratios)
        std::printf("ratio (%s): %s\n", id.c_str(), text.c_str());
    return identical ? 0 : 1;
}
