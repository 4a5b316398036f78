// The entry point core/torch/torch_runtime.cpp looks up with dlsym, and what it hands out.
#include "core/torch/torch_runtime.h"

namespace {

class EngineRunner final : public vox::WhisperRunner {
public:
    explicit EngineRunner(vox::whisper::Engine engine) : m_engine(std::move(engine)) {}

    vox::Expected<std::vector<vox::whisper::Transcript>> transcribe(const std::vector<std::vector<float>>& batch16k,
                                                                    const vox::whisper::DecodeOptions& options,
                                                                    const std::atomic<bool>* cancel) override
    {
        return m_engine.transcribe(batch16k, options, cancel);
    }
    const vox::whisper::PackageInfo& package() const override { return m_engine.package(); }
    std::string device() const override { return m_engine.device(); }
    std::string dtype() const override { return m_engine.dtype(); }

private:
    vox::whisper::Engine m_engine;
};

vox::Expected<std::unique_ptr<vox::WhisperRunner>> openWhisper(const std::filesystem::path& package,
                                                               const vox::whisper::EngineOptions& options)
{
    auto engine = vox::whisper::Engine::load(package, options);
    if (!engine)
        return engine.error();
    return std::unique_ptr<vox::WhisperRunner>(std::make_unique<EngineRunner>(std::move(engine.value())));
}

} // namespace

extern "C" __attribute__((visibility("default"))) const vox::TorchRuntime* voxbench_torch_runtime()
{
    static const vox::TorchRuntime runtime{&vox::torchEnvironment, &vox::setIntraOpThreads, &openWhisper};
    return &runtime;
}
