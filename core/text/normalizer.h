#pragma once
#include "core/util/expected.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

// Text normalizers: named, versioned pipelines applied to references and hypotheses before
// scoring. The choice moves WER more than quantization does, so its id ("whisper-en@1") is
// stored with every score.
namespace vox::text {

class Normalizer {
public:
    virtual ~Normalizer() = default;

    virtual std::string name() const = 0;  // "none", "basic", "whisper-en"
    virtual int version() const = 0;       // bumped whenever the output for some input changes
    // What is stored with every score: name, version and any option that changes the output,
    // e.g. "basic@1+strip-diacritics".
    std::string id() const { return name() + "@" + std::to_string(version()) + optionSuffix(); }

    // UTF-8 in, UTF-8 out: words separated by single spaces, no leading/trailing space.
    // Thread-safe: scoring calls it from several threads at once.
    virtual std::string normalize(std::string_view text) const = 0;

protected:
    virtual std::string optionSuffix() const { return {}; }
};

struct NormalizerOptions {
    bool removeDiacritics = false; // "basic" only: strip combining marks after NFKD (é -> e)
};

// "none", "basic", "whisper-en"; an unknown name is an error listing the known ones.
Expected<std::shared_ptr<const Normalizer>> makeNormalizer(std::string_view name, NormalizerOptions options = {});
std::vector<std::string> normalizerNames();

} // namespace vox::text
