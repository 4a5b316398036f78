#pragma once
// A package's two TorchScript modules on one device in one dtype, behind a torch-free
// interface: what Engine needs from libtorch (load and check, encode, decoder sessions).
#include "core/util/expected.h"
#include "core/whisper/engine.h"
#include "core/whisper/package.h"
#include "core/whisper/search.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vox::whisper {

class RssProbe;

// Encoder output for a batch of windows (stays on the device).
class EncodedAudio {
public:
    EncodedAudio(EncodedAudio&&) noexcept;
    EncodedAudio& operator=(EncodedAudio&&) noexcept;
    ~EncodedAudio();
    int64_t rows() const;

private:
    friend class ModelRunner;
    struct Impl;
    explicit EncodedAudio(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

class ModelRunner {
public:
    // Device and dtype from `options`; int8 packages select QNNPACK before loading (a
    // process-wide libtorch setting). Checks weights against the manifest and, when
    // options.checkByRunning, runs the modules once on zeros. Errors name the file.
    static Expected<ModelRunner> load(const PackageInfo& info, const EngineOptions& options);

    // Another runner over the same loaded modules, packed projection and device, for another
    // thread (each thread decodes through its own runner; TorchScript modules run concurrently,
    // their weights are read, never copied). Its own timers.
    ModelRunner share() const;

    ModelRunner(ModelRunner&&) noexcept;
    ModelRunner& operator=(ModelRunner&&) noexcept;
    ~ModelRunner();

    // `mels`: rows x [n_mels, 2 * n_audio_ctx] float32, row-major (3000 frames for 30 s).
    Expected<EncodedAudio> encode(const std::vector<float>& mels, int64_t rows);
    // cross_kv, init_self_kv(maxLen) and the prompt call for every row of `audio`; the
    // session samples `probe` after each decoder call. `audio` and `probe` must outlive it.
    Expected<std::unique_ptr<DecoderSession>> startDecoder(const EncodedAudio& audio, const std::vector<int64_t>& prompt,
                                                           int64_t maxLen, RssProbe& probe);

    // The package as loaded: int8 packages' encoderEngine/decoderEngine are the engines used.
    const PackageInfo& package() const;
    void synchronize();                         // waits for queued CUDA work (timings)
    double takeForwardMs();                     // time inside module calls since the last take
    void resetPeakMemory();                     // CUDA builds on a CUDA device
    std::optional<int64_t> devicePeakMemory();  // torch's max_memory_allocated there; else none
    std::string device() const;
    std::string dtype() const;

private:
    struct Impl;
    explicit ModelRunner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace vox::whisper
