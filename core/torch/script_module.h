#pragma once
#include "core/torch/tensor_data.h"
#include "core/util/expected.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace vox {

struct ScriptModuleOptions {
    // Intra-op threads for this module's calls, applied on the calling thread before each call.
    // A run setting recorded with results; 0 leaves libtorch's current setting alone.
    int intraOpThreads = 1;
};

// A TorchScript module loaded from disk and run on the CPU with float32 tensors.
// Not thread-safe: use one per worker thread. Torch-free interface (torch types stay inside).
class ScriptModule {
public:
    static Expected<ScriptModule> load(const std::filesystem::path& path, ScriptModuleOptions options = {});

    ScriptModule(ScriptModule&&) noexcept;
    ScriptModule& operator=(ScriptModule&&) noexcept;
    ~ScriptModule();

    // forward(inputs...) -> one tensor.
    Expected<TensorData> forward(const std::vector<TensorData>& inputs);
    // Any exported method (@torch.jit.export) taking tensors and returning one tensor.
    Expected<TensorData> runMethod(const std::string& name, const std::vector<TensorData>& inputs);

    std::vector<std::string> methodNames() const;
    bool hasMethod(const std::string& name) const;
    int64_t parameterCount() const;
    const std::filesystem::path& path() const;
    // The thread count torch reported during the last call (what the call actually ran with).
    int lastCallThreads() const;

private:
    struct Impl;
    explicit ScriptModule(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace vox
