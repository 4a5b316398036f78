#include "app/cli/env_command.h"

#include "app/cli/json_output.h"

#include "core/torch/torch_runtime.h"
#include "core/version.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>

namespace vox::cli {

namespace {

struct EnvOptions {
    bool json = false;
};

int runEnv(const EnvOptions& options, CliContext& context)
{
    auto runtime = loadTorchRuntime();
    if (!runtime) {
        context.err << "voxbench-cli env: " << runtime.error().describe() << "\n";
        return 1;
    }
    const TorchEnvironment env = (*runtime)->environment();
    if (options.json) {
        nlohmann::json j;
        j["voxbench_version"] = vox::kVersion;
        j["torch_version"] = env.torchVersion;
        j["cuda_compiled_in"] = env.cudaCompiledIn;
        j["default_intra_op_threads"] = env.defaultIntraOpThreads;
        j["quantization_engines"] = env.quantizationEngines;
        j["devices"] = nlohmann::json::array();
        for (const auto& device : env.devices)
            j["devices"].push_back({{"id", device.id}, {"name", device.name}});
        j["parallel_info"] = env.parallelInfo;
        j["blas_core"] = env.blasCore;
        j["blas_config"] = env.blasConfig;
        j["cpu_vector_extensions"] = env.cpuVectorExtensions;
        j["blas_warning"] = env.blasWarning;
        context.out << jsonOutput(j, 2) << "\n";
        return 0;
    }
    context.out << "VoxBench " << vox::kVersion << "\n"
                << "libtorch " << env.torchVersion << (env.cudaCompiledIn ? " (CUDA)" : " (CPU only)") << "\n"
                << "devices:";
    for (const auto& device : env.devices)
        context.out << " " << device.id;
    context.out << "\ndefault intra-op threads: " << env.defaultIntraOpThreads << "\nquantization engines:";
    for (const auto& engine : env.quantizationEngines)
        context.out << " " << engine;
    context.out << "\nCPU vector extensions: " << (env.cpuVectorExtensions.empty() ? "none seen" : env.cpuVectorExtensions)
                << "\nBLAS kernels: " << (env.blasCore.empty() ? "not OpenBLAS" : "OpenBLAS " + env.blasCore)
                << (env.blasConfig.empty() ? "" : " (" + env.blasConfig + ")") << "\n";
    if (!env.blasWarning.empty())
        context.err << "warning: " << env.blasWarning << "\n";
    context.out << "\n" << env.parallelInfo;
    return 0;
}

} // namespace

void addEnvCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto options = std::make_shared<EnvOptions>();
    CLI::App* command = app.add_subcommand("env", "Print the versions, devices and thread settings measurements depend on");
    command->add_flag("--json", options->json, "Print as JSON");
    command->callback([options, &context, &exitCode] { exitCode = runEnv(*options, context); });
}

} // namespace vox::cli
