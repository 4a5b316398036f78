#include "core/text/normalizer.h"

#include "core/text/basic_normalizer.h"
#include "core/text/english_spellings.h"
#include "core/text/whisper_english_normalizer.h"
#include "core/text/whitespace.h"

namespace vox::text {
namespace {

// "none" still collapses whitespace: scoring splits on it anyway, and the id promises no more.
class NoneNormalizer final : public Normalizer {
public:
    std::string name() const override { return "none"; }
    int version() const override { return 1; }
    std::string normalize(std::string_view text) const override { return collapseWhitespace(text); }
};

} // namespace

std::vector<std::string> normalizerNames()
{
    return {"none", "basic", "whisper-en"};
}

Expected<std::shared_ptr<const Normalizer>> makeNormalizer(std::string_view name, NormalizerOptions options)
{
    if (name == "none")
        return std::shared_ptr<const Normalizer>(std::make_shared<NoneNormalizer>());
    if (name == "basic")
        return std::shared_ptr<const Normalizer>(std::make_shared<BasicNormalizer>(options));
    if (name == "whisper-en") {
        auto spellings = whisperEnglishSpellings();
        if (!spellings)
            return spellings.error();
        return std::shared_ptr<const Normalizer>(std::make_shared<WhisperEnglishNormalizer>(*spellings));
    }
    std::string known;
    for (const auto& n : normalizerNames())
        known += (known.empty() ? "" : ", ") + n;
    return makeError("unknown normalizer '" + std::string(name) + "'; known normalizers: " + known);
}

} // namespace vox::text
