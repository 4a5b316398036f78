// The entry point core/torch/torch_runtime.cpp looks up with dlsym, and what it hands out.
#include "core/torch/torch_runtime.h"

#include "core/kws/classifier.h"
#include "core/torch/op_profiler.h"

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
    std::unique_ptr<vox::WhisperRunner> share() const override
    {
        return std::make_unique<EngineRunner>(m_engine.share());
    }

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

class ClassifierRunner final : public vox::KwsRunner {
public:
    explicit ClassifierRunner(vox::kws::Classifier classifier) : m_classifier(std::move(classifier)) {}

    vox::Expected<std::vector<vox::kws::ClipResult>> classify(const std::vector<std::vector<float>>& clips) override
    {
        return m_classifier.classify(clips);
    }
    vox::Expected<vox::kws::StreamResult> stream(const std::vector<float>& audio, int chunkSamples) override
    {
        return m_classifier.stream(audio, chunkSamples);
    }
    const vox::kws::PackageInfo& package() const override { return m_classifier.package(); }

private:
    vox::kws::Classifier m_classifier;
};

vox::Expected<std::unique_ptr<vox::KwsRunner>> openKws(const std::filesystem::path& package,
                                                       const vox::kws::ClassifierOptions& options)
{
    auto classifier = vox::kws::Classifier::load(package, options);
    if (!classifier)
        return classifier.error();
    return std::unique_ptr<vox::KwsRunner>(std::make_unique<ClassifierRunner>(std::move(classifier.value())));
}

} // namespace

extern "C" __attribute__((visibility("default"))) const vox::TorchRuntime* voxbench_torch_runtime()
{
    static const vox::TorchRuntime runtime{&vox::torchEnvironment, &vox::setIntraOpThreads, &openWhisper, &openKws,
                                           &vox::profile::startRecording, &vox::profile::stopRecording};
    return &runtime;
}
