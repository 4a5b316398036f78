#include "core/store/package_records.h"

#include "core/kws/package.h"
#include "core/util/json_fields.h"
#include "core/whisper/package.h"
#include "core/whisper/token_text.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace vox::store {

namespace fs = std::filesystem;

namespace {

// The manifest file names of the package kinds VoxBench runs (docs/MODEL-PACKAGE.md).
constexpr const char* kManifests[] = {whisper::kManifestName, kws::kManifestName};

// Everything Engine::load and Classifier::load check before they load torch: the manifest's
// fields, dims and token ids, that every file is there with its checksum, and (Whisper) that the
// vocabulary gives text for the model's token ids. What needs torch (the modules load, their
// weights fit the manifest) is checked when a run loads the package.
Expected<Done> checkPackage(const fs::path& folder, const std::string& manifestName, const std::string& manifestText)
{
    // A family VoxBench does not know is named here; a manifest that is not JSON, has no family,
    // or names the family of the other manifest is described by that manifest's reader.
    const auto manifest = nlohmann::json::parse(manifestText, nullptr, /*allow_exceptions=*/false);
    const auto family = manifest.is_object() ? manifest.find("family") : manifest.end();
    if (manifest.is_object() && family != manifest.end() && family->is_string() && *family != "whisper"
        && *family != kws::kFamily)
        return makeError("family '" + family->get<std::string>() + "' is not a package family VoxBench runs "
                             "(whisper in " + whisper::kManifestName + ", " + kws::kFamily + " in "
                             + kws::kManifestName + ")",
                         (folder / manifestName).string());
    if (manifestName == kws::kManifestName) {
        auto info = kws::readPackage(folder, /*verifyChecksums=*/true);
        if (!info)
            return info.error();
        return Done{};
    }
    auto info = whisper::readPackage(folder, {/*verifyChecksums=*/true});
    if (!info)
        return info.error();
    auto text = whisper::TokenText::load(info->filePath(info->files.vocab), info->textTokenLimit);
    if (!text)
        return text.error();
    return Done{};
}

} // namespace

Expected<VariantRecord> variantFromPackage(const fs::path& given, const std::string& name)
{
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(given), ec);
    if (ec || !fs::is_directory(folder))
        return makeError("not a model package folder: " + given.string());
    for (const char* manifestName : kManifests) {
        const fs::path file = folder / manifestName;
        if (!fs::exists(file))
            continue;
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in.good() && !in.eof())
            return makeError("cannot read " + file.string());
        if (auto checked = checkPackage(folder, manifestName, text.str()); !checked)
            return checked.error();
        VariantRecord v;
        v.name = name.empty() ? folder.filename().string() : name;
        v.packagePath = folder.string();
        v.manifestJson = text.str();
        return v;
    }
    return makeError(given.string() + " holds neither voxbench-model.json nor voxbench-kws.json: "
                     "make a package with tools/whisper/export.py or tools/demo/train_kws.py");
}

VariantFacts variantFacts(const std::string& manifestJson)
{
    const auto m = nlohmann::json::parse(manifestJson, nullptr, /*allow_exceptions=*/false);
    const auto& variant = json_fields::at(m, "variant");
    const auto& source = json_fields::at(m, "source");
    VariantFacts facts;
    facts.family = json_fields::text(m, "family");
    facts.kind = json_fields::text(variant, "kind");
    facts.description = json_fields::text(variant, "description");
    facts.source = json_fields::text(source, "description");
    facts.parameters = json_fields::integer(m, "parameter_count");
    facts.demo = json_fields::flag(source, "demo");
    return facts;
}

} // namespace vox::store
