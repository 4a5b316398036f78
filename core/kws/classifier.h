#pragma once
// Runs a KWS model package (docs/MODEL-PACKAGE.md, "KWS packages") with libtorch: batches of
// clips, and streams fed chunk by chunk with the model's state carried between chunks.
// Torch-free header; the module lives behind a pimpl in voxbench_torch.
#include "core/kws/kws_types.h"
#include "core/util/expected.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <vector>

namespace vox::kws {

struct ClassifierImpl;

// A stream being scored: push samples as they arrive, get the keyword score of every chunk they
// complete. Samples of an unfinished chunk wait for the next push. Same thread rules as the
// Classifier it came from, which it shares (it stays usable after the Classifier is gone).
class StreamSession {
public:
    StreamSession(StreamSession&&) noexcept;
    StreamSession& operator=(StreamSession&&) noexcept;
    ~StreamSession();

    Expected<std::vector<float>> push(const float* samples, size_t count);
    int chunkSamples() const;
    int64_t chunksDone() const;

private:
    friend class Classifier;
    struct State;
    explicit StreamSession(std::unique_ptr<State> state);
    std::unique_ptr<State> d;
};

// A loaded package. Not thread-safe: one thread at a time (libtorch's thread count and warning
// handler are per thread). Movable.
class Classifier {
public:
    // Reads and checks the package (readPackage), loads the module (int8: after selecting the
    // manifest's quantization engine), checks that it has forward, init_state and stream and
    // that a silent clip and a silent chunk give the shapes the manifest promises.
    static Expected<Classifier> load(const std::filesystem::path& folder, const ClassifierOptions& options = {});

    Classifier(Classifier&&) noexcept;
    Classifier& operator=(Classifier&&) noexcept;
    ~Classifier();

    // One result per clip (mono samples at the package's rate). Each clip is zero-padded or cut
    // to the package's clip length (clipSamples()); all run through forward() as one batch.
    Expected<std::vector<ClipResult>> classify(const std::vector<std::vector<float>>& clips);

    // A stream from a fresh state. chunkSamples 0 means the package's; others must be positive
    // multiples of hop_samples.
    Expected<StreamSession> openStream(int chunkSamples = 0);
    // The whole of `audio` as one stream: openStream, then push everything.
    Expected<StreamResult> stream(const std::vector<float>& audio, int chunkSamples = 0);

    const PackageInfo& package() const;

private:
    explicit Classifier(std::shared_ptr<ClassifierImpl> impl);
    std::shared_ptr<ClassifierImpl> d;
};

} // namespace vox::kws
