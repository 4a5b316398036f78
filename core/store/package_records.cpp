#include "core/store/package_records.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace vox::store {

namespace fs = std::filesystem;

namespace {
// The manifest file names of the package kinds VoxBench runs (docs/MODEL-PACKAGE.md).
constexpr const char* kManifests[] = {"voxbench-model.json", "voxbench-kws.json"};
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
        const auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
        if (!json.is_object())
            return makeError(file.string() + " is not a JSON object (a damaged package? export it again)");
        const auto family = json.find("family");
        if (family == json.end() || !family->is_string())
            return makeError(file.string() + " has no \"family\"");
        VariantRecord v;
        v.name = name.empty() ? folder.filename().string() : name;
        v.packagePath = folder.string();
        v.manifestJson = text.str();
        return v;
    }
    return makeError(given.string() + " holds neither voxbench-model.json nor voxbench-kws.json: "
                     "make a package with tools/whisper/export.py or tools/demo/train_kws.py");
}

} // namespace vox::store
