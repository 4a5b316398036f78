#include "core/torch/torch_runtime.h"

#include "core/log/log.h"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>
#include <optional>

namespace vox {

namespace {

constexpr const char* kLibrary = "libvoxbench_torch.so";
constexpr const char* kEntryPoint = "voxbench_torch_runtime";

// libvoxbench_torch is installed and built next to libvoxbench_core: find this library's path.
std::filesystem::path coreLibraryDirectory()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&loadTorchRuntime), &info) && info.dli_fname)
        return std::filesystem::path(info.dli_fname).parent_path();
    return {};
}

Expected<const TorchRuntime*> load()
{
    const auto dir = coreLibraryDirectory();
    const std::string path = dir.empty() ? std::string(kLibrary) : (dir / kLibrary).string();
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (!handle) {
        const char* why = dlerror();
        return makeError(std::string("cannot load the libtorch runtime: ") + (why ? why : "unknown reason"), path);
    }
    using Entry = const TorchRuntime* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, kEntryPoint));
    if (!entry)
        return makeError(std::string("the library has no entry point ") + kEntryPoint, path);
    log::get("torch")->debug("loaded {}", path);
    return entry();
}

} // namespace

Expected<const TorchRuntime*> loadTorchRuntime()
{
    static std::once_flag once;
    static std::optional<Expected<const TorchRuntime*>> result;
    std::call_once(once, [] { result.emplace(load()); });
    return *result;
}

Expected<WhisperWorkers> openWhisperWorkers(const TorchRuntime& runtime, const std::filesystem::path& package,
                                            const whisper::EngineOptions& options, int workers)
{
    auto first = runtime.openWhisper(package, options);
    if (!first)
        return first.error();
    WhisperWorkers out;
    out.pools = runtime.setIntraOpThreads(options.threads);
    out.runners.push_back(std::move(*first));
    for (int w = 1; w < workers; ++w)
        out.runners.push_back(out.runners.front()->share());
    return out;
}

} // namespace vox
