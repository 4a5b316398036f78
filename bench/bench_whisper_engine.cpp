// The Whisper engine on a whisper-tiny-shaped package (width 384, 4+4 layers, random weights,
// English vocabulary) on the CPU, against the Python reference decoding the same package to the
// same tokens in the same run.
//   (a) engine overhead: end-to-end time / time inside the model's TorchScript calls (goal <= 1.05)
//   (b) speed: Python reference time / C++ engine time (goal >= 1.5)
// Both sides load and warm up first; then each decodes every clip once, greedy, one at a time.
// Both run with OMP_WAIT_POLICY=PASSIVE (this program starts itself again with it when it is not
// set): libgomp reads it only at start-up, and its default, spinning threads, competes with
// OpenBLAS's own threads for the cores at every decoder step (with 2 threads on a 2-core
// machine the engine then ran several times slower).
// Where OpenBLAS runs kernels older than the CPU (TorchEnvironment::blasWarning: OpenBLAS 0.3.21
// takes recent CPUs for a Prescott), it also starts again with OPENBLAS_CORETYPE naming the
// CPU's own kernels, for both sides alike; the kernels are printed with the result. Set
// OPENBLAS_CORETYPE yourself to measure with others.
//
//   bench_whisper_engine [threads=1] [clips=4] [optimize=0|1]
#include "core/log/log.h"
#include "core/torch/torch_env.h"
#include "core/whisper/engine.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

int run(const std::string& command)
{
    const int rc = std::system(command.c_str());
    if (rc != 0)
        std::cerr << "command failed (" << rc << "): " << command << "\n";
    return rc;
}

// A few seconds of varied synthetic sound (a random-weight model's tokens depend on it).
std::vector<float> makeClip(int index, double seconds)
{
    std::vector<float> samples(size_t(seconds * 16000));
    uint64_t state = 12345 + uint64_t(index);
    for (size_t i = 0; i < samples.size(); ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const double noise = double(state >> 40) / double(1 << 24) - 0.5;
        const double t = double(i) / 16000.0;
        samples[i] = float(0.3 * std::sin(2 * M_PI * (200 + 100 * index) * t * (1 + 0.3 * t)) + 0.05 * noise);
    }
    return samples;
}

// Packages exported before the decoder had step_hidden (docs/MODEL-PACKAGE.md) still load, but
// the engine then takes its logits from step: export again.
bool upToDate(const fs::path& package)
{
    std::ifstream in(package / "voxbench-model.json");
    if (!in)
        return false;
    const auto manifest = nlohmann::json::parse(in, nullptr, false);
    return !manifest.is_discarded() && manifest.contains("decoder_interface")
           && manifest["decoder_interface"].contains("step_hidden");
}

} // namespace

int main(int argc, char** argv)
{
    bool again = false;
    if (!std::getenv("OMP_WAIT_POLICY")) {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
        again = true;
    }
    if (!std::getenv("OPENBLAS_CORETYPE")) {
        const auto env = vox::torchEnvironment();
        if (!env.blasWarning.empty()) {
            const bool avx512 = env.cpuVectorExtensions.find("avx512f") != std::string::npos;
            setenv("OPENBLAS_CORETYPE", avx512 ? "SkylakeX" : "Haswell", 1);
            std::printf("OpenBLAS ran %s kernels on this CPU; starting again with OPENBLAS_CORETYPE=%s\n",
                        env.blasCore.c_str(), avx512 ? "SkylakeX" : "Haswell");
            std::fflush(stdout);
            again = true;
        }
    }
    if (again) {
        execv("/proc/self/exe", argv);
        std::perror("cannot start again with OMP_WAIT_POLICY / OPENBLAS_CORETYPE set");
        return 1;
    }
    const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
    const int clipCount = argc > 2 ? std::atoi(argv[2]) : 4;
    const bool optimize = argc > 3 && std::atoi(argv[3]) != 0;
    const fs::path dir = fs::temp_directory_path() / "voxbench-bench-whisper";
    const fs::path package = dir / "tiny-en";
    fs::create_directories(dir);

    if (!upToDate(package)) {
        std::printf("exporting a whisper-tiny-shaped random package to %s ...\n", package.c_str());
        if (run("cd " VOXBENCH_SOURCE_DIR " && PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m tools.whisper.export "
                "--random-dims tiny --english --seed 1 --out " + package.string() + " > /dev/null"))
            return 1;
    }

    std::vector<std::vector<float>> clips;
    std::string files;
    for (int c = 0; c < clipCount; ++c) {
        clips.push_back(makeClip(c, 4.0 + 2.0 * c));
        const fs::path file = dir / ("clip" + std::to_string(c) + ".f32");
        std::ofstream(file, std::ios::binary)
            .write(reinterpret_cast<const char*>(clips.back().data()), std::streamsize(clips.back().size() * sizeof(float)));
        files += " " + file.string();
    }

    // Python reference, in its own process, timing itself after load and warm-up.
    const fs::path pyOut = dir / "python.json";
    if (run("cd " VOXBENCH_SOURCE_DIR " && OMP_WAIT_POLICY=PASSIVE PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m "
            "tools.whisper.bench_reference --package " + package.string() + " --threads " + std::to_string(threads)
            + files + " > " + pyOut.string()))
        return 1;
    nlohmann::json python = nlohmann::json::parse(std::ifstream(pyOut));
    const double pythonSeconds = python["seconds"].get<double>();

    // C++ engine, in this process.
    vox::whisper::EngineOptions options;
    options.threads = threads;
    options.optimize = optimize;
    vox::log::setLevel(spdlog::level::info); // the load says how the vocabulary logits are computed
    auto engine = vox::whisper::Engine::load(package, options);
    vox::log::setLevel(spdlog::level::warn);
    if (!engine) {
        std::cerr << engine.error().describe() << "\n";
        return 1;
    }
    vox::whisper::DecodeOptions decode;
    decode.maxTokens = -1; // the package's default, as the reference uses
    for (int warm = 0; warm < 2; ++warm)
        (void)engine->transcribe({clips[0]}, decode);

    double forwardMs = 0, engineMs = 0;
    int steps = 0;
    bool identical = true;
    const auto start = std::chrono::steady_clock::now();
    for (int c = 0; c < clipCount; ++c) {
        auto result = engine->transcribe({clips[size_t(c)]}, decode);
        if (!result) {
            std::cerr << result.error().describe() << "\n";
            return 1;
        }
        const auto& t = result->front();
        forwardMs += t.timings.forwardMs;
        engineMs += t.timings.totalMs;
        steps += t.timings.decoderSteps;
        const auto expected = python["files"]["clip" + std::to_string(c) + ".f32"].get<std::vector<int64_t>>();
        identical = identical && expected == t.tokens;
    }
    const double cppSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("package: whisper-tiny-shaped (384 wide, 4+4 layers), random weights, fp32, CPU, %d thread(s), greedy, "
                "C++ engine %s\n",
                threads, optimize ? "optimized for inference at load" : "as exported");
    {
        const auto env = vox::torchEnvironment();
        std::printf("BLAS kernels: %s (CPU: %s)\n", env.blasCore.empty() ? "not OpenBLAS" : ("OpenBLAS " + env.blasCore).c_str(),
                    env.cpuVectorExtensions.c_str());
    }
    std::printf("clips: %d (%.0f s of audio), decoder steps: %d, tokens identical to the Python reference: %s\n",
                clipCount, double(clipCount) * 4.0 + double(clipCount * (clipCount - 1)), steps, identical ? "yes" : "NO");
    std::printf("C++ engine: %.3f s end to end, %.3f s inside model calls (%.3f s by the engine's own clock)\n",
                cppSeconds, forwardMs / 1000.0, engineMs / 1000.0);
    std::printf("Python reference: %.3f s\n", pythonSeconds);
    std::printf("ratio (a): %.3f (end-to-end / inside model calls; goal <= 1.05)\n", cppSeconds * 1000.0 / forwardMs);
    std::printf("ratio (b): %.2f (Python reference time / C++ engine time; goal >= 1.5)\n", pythonSeconds / cppSeconds);
    return identical ? 0 : 1;
}
