#include "core/kws/package.h"

#include "core/util/json_fields.h"
#include "core/whisper/package_files.h"
#include "core/whisper/sha256.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace vox::kws {

namespace {

using nlohmann::json;

// Thrown inside this file only; readPackage turns it into an Error.
struct Problem {
    std::string message;
};

std::string joined(const std::string& parent, const char* name)
{
    return parent.empty() ? std::string(name) : parent + "." + name;
}

const json& need(const json& object, const std::string& parent, const char* name)
{
    if (!object.is_object() || !object.contains(name))
        throw Problem{"field '" + joined(parent, name) + "' is missing"};
    return object.at(name);
}

int64_t needInt(const json& object, const std::string& parent, const char* name)
{
    const json& v = need(object, parent, name);
    if (!v.is_number_integer())
        throw Problem{"field '" + joined(parent, name) + "' must be an integer"};
    return v.get<int64_t>();
}

double needNumber(const json& object, const std::string& parent, const char* name)
{
    const json& v = need(object, parent, name);
    if (!v.is_number())
        throw Problem{"field '" + joined(parent, name) + "' must be a number"};
    return v.get<double>();
}

std::string needText(const json& object, const std::string& parent, const char* name)
{
    const json& v = need(object, parent, name);
    if (!v.is_string())
        throw Problem{"field '" + joined(parent, name) + "' must be a string"};
    return v.get<std::string>();
}

void check(bool ok, const std::string& message)
{
    if (!ok)
        throw Problem{message};
}

std::vector<std::string> readLabels(const json& m)
{
    const json& v = need(m, "", "labels");
    check(v.is_array() && !v.empty(), "field 'labels' must be a non-empty list of strings");
    std::vector<std::string> labels;
    for (const auto& item : v) {
        check(item.is_string() && !item.get<std::string>().empty(), "field 'labels' must be a non-empty list of strings");
        labels.push_back(item.get<std::string>());
    }
    return labels;
}

void readVariant(const json& m, PackageInfo& p)
{
    const json& variant = need(m, "", "variant");
    p.variantKind = needText(variant, "variant", "kind");
    check(p.variantKind == "fp32" || p.variantKind == "int8",
          "variant.kind '" + p.variantKind + "' is not supported (expected fp32 or int8)");
    p.variantDescription = needText(variant, "variant", "description");
    const json& source = need(variant, "variant", "source");
    check(source.is_null() || source.is_string(), "field 'variant.source' must be a string or null");
    p.variantSource = source.is_string() ? source.get<std::string>() : std::string();
    const json& options = need(variant, "variant", "options");
    if (p.variantKind == "int8") {
        p.quantizationEngine = needText(options, "variant.options", "quantization_engine");
        check(p.quantizationEngine == "qnnpack",
              "variant.options.quantization_engine '" + p.quantizationEngine + "' is not supported (qnnpack is)");
    }
    // Which module types were quantized (what core/kws/cost.h counts at one byte a weight).
    if (options.is_object() && options.contains("modules")) {
        const json& modules = options.at("modules");
        const char* shape = "field 'variant.options.modules' must be a list of module type names";
        check(modules.is_array(), shape);
        for (const auto& item : modules) {
            check(item.is_string() && !item.get<std::string>().empty(), shape);
            p.quantizedModules.push_back(item.get<std::string>());
        }
    }
}

int positiveInt(const json& object, const std::string& parent, const char* name)
{
    const int64_t v = needInt(object, parent, name);
    check(v > 0 && v <= 1'000'000, "field '" + joined(parent, name) + "' must be a positive integer");
    return static_cast<int>(v);
}

// A list of one positive integer per convolution (channels), or of [frequency, time] pairs
// (kernels, strides).
std::vector<int> positiveInts(const json& list, const std::string& field)
{
    check(list.is_array() && !list.empty(), "field '" + field + "' must be a non-empty list of positive integers");
    std::vector<int> out;
    for (const auto& item : list) {
        check(item.is_number_integer() && item.get<int64_t>() > 0 && item.get<int64_t>() <= 1'000'000,
              "field '" + field + "' must be a non-empty list of positive integers");
        out.push_back(item.get<int>());
    }
    return out;
}

std::vector<std::pair<int, int>> pairsOf(const json& architecture, const char* name, size_t count)
{
    const std::string field = joined("architecture", name);
    const json& list = need(architecture, "architecture", name);
    check(list.is_array() && list.size() == count,
          "field '" + field + "' must list one [frequency, time] pair per convolution (" + std::to_string(count) + ")");
    std::vector<std::pair<int, int>> out;
    for (const auto& item : list) {
        const auto pair = positiveInts(item, field);
        check(pair.size() == 2, "field '" + field + "' must list one [frequency, time] pair per convolution ("
                                    + std::to_string(count) + ")");
        out.emplace_back(pair[0], pair[1]);
    }
    return out;
}

// "architecture" and "front_end"."n_mels". Without "architecture" the package still loads; only
// its cost cannot be counted (Architecture::known() is false).
void readArchitecture(const json& m, PackageInfo& p)
{
    if (m.contains("front_end")) {
        const json& frontEnd = m.at("front_end");
        check(frontEnd.is_object(), "field 'front_end' must be an object");
        if (frontEnd.contains("n_mels"))
            p.architecture.nMels = positiveInt(frontEnd, "front_end", "n_mels");
    }
    if (!m.contains("architecture"))
        return;
    const json& a = m.at("architecture");
    check(a.is_object(), "field 'architecture' must be an object");
    Architecture& arch = p.architecture;
    arch.convChannels = positiveInts(need(a, "architecture", "conv_channels"), "architecture.conv_channels");
    arch.convKernels = pairsOf(a, "conv_kernels", arch.convChannels.size());
    arch.convStrides = pairsOf(a, "conv_strides", arch.convChannels.size());
    arch.gruHidden = positiveInt(a, "architecture", "gru_hidden");
    arch.gruLayers = positiveInt(a, "architecture", "gru_layers");
    arch.attention = positiveInt(a, "architecture", "attention");
    arch.poolFrames = positiveInt(a, "architecture", "pool_frames");
    p.gruHidden = arch.gruHidden;
}

PackageInfo parse(const json& m, const std::filesystem::path& folder)
{
    PackageInfo p;
    p.folder = folder;
    p.formatVersion = static_cast<int>(needInt(m, "", "format_version"));
    check(p.formatVersion == kPackageFormatVersion,
          "format_version " + std::to_string(p.formatVersion) + " is not supported (this VoxBench reads version "
              + std::to_string(kPackageFormatVersion) + ")");
    p.family = needText(m, "", "family");
    check(p.family == kFamily, "family '" + p.family + "' is not a KWS package (expected '" + kFamily + "')");
    p.name = needText(m, "", "name");
    p.labels = readLabels(m);
    p.keyword = needText(m, "", "keyword");
    const int64_t index = needInt(m, "", "keyword_index");
    check(index >= 0 && index < static_cast<int64_t>(p.labels.size()),
          "keyword_index " + std::to_string(index) + " is not a label index (there are "
              + std::to_string(p.labels.size()) + " labels)");
    p.keywordIndex = static_cast<int>(index);
    check(p.labels[index] == p.keyword, "labels[keyword_index] is '" + p.labels[index] + "', not the keyword '" + p.keyword + "'");
    p.sampleRate = static_cast<int>(needInt(m, "", "sample_rate"));
    check(p.sampleRate >= 1000 && p.sampleRate <= 192000, "sample_rate " + std::to_string(p.sampleRate) + " is out of range");
    p.clipSeconds = needNumber(m, "", "clip_seconds");
    check(p.clipSeconds > 0 && p.clipSeconds <= 60, "clip_seconds must be above 0 and at most 60");
    p.hopSamples = static_cast<int>(needInt(m, "", "hop_samples"));
    p.chunkSamples = static_cast<int>(needInt(m, "", "chunk_samples"));
    check(p.hopSamples > 0, "hop_samples must be positive");
    check(p.chunkSamples > 0 && p.chunkSamples % p.hopSamples == 0,
          "chunk_samples " + std::to_string(p.chunkSamples) + " is not a positive multiple of hop_samples "
              + std::to_string(p.hopSamples));
    p.stateSize = needInt(m, "", "state_size");
    check(p.stateSize > 0, "state_size must be positive");
    readVariant(m, p);
    p.parameterCount = needInt(m, "", "parameter_count");
    readArchitecture(m, p);
    const json& detection = need(m, "", "detection");
    p.detection.threshold = needNumber(detection, "detection", "threshold");
    p.detection.refractorySeconds = needNumber(detection, "detection", "refractory_seconds");
    p.detection.toleranceSeconds = needNumber(detection, "detection", "tolerance_seconds");
    check(p.detection.threshold > 0 && p.detection.threshold <= 1, "detection.threshold must be in (0, 1]");
    check(p.detection.refractorySeconds >= 0 && p.detection.toleranceSeconds >= 0,
          "detection.refractory_seconds and tolerance_seconds must not be negative");
    p.torchVersion = needText(m, "", "torch_version");
    const json& metrics = need(m, "", "metrics");
    check(metrics.is_object(), "field 'metrics' must be an object");
    p.metricsJson = metrics.dump();
    json training = need(m, "", "training");
    check(training.is_object(), "field 'training' must be an object");
    training.erase("history");
    p.trainingJson = training.dump();
    p.modelFile = needText(need(m, "", "files"), "files", "model");
    const std::string problem = whisper::fileNameProblem(p.modelFile, "files.model");
    check(problem.empty(), problem);
    const json& sums = need(m, "", "sha256");
    check(sums.is_object(), "field 'sha256' must be an object");
    for (const auto& [file, digest] : sums.items()) {
        check(digest.is_string(), "sha256." + file + " must be a string");
        p.sha256[file] = digest.get<std::string>();
    }
    return p;
}

} // namespace

Expected<PackageInfo> readPackage(const std::filesystem::path& folder, bool verifyChecksums)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return makeError("not a KWS package folder (it does not exist or is not a directory)", folder.string());
    const auto manifestPath = folder / kManifestName;
    std::ifstream in(manifestPath);
    if (!in)
        return makeError(std::string("the folder has no KWS manifest ") + kManifestName, folder.string());

    PackageInfo info;
    try {
        info = parse(json::parse(in), folder);
    } catch (const json::parse_error& e) {
        return makeError("the manifest is not valid JSON: " + json_fields::errorText(e), manifestPath.string());
    } catch (const Problem& e) {
        return makeError("manifest: " + e.message, manifestPath.string());
    } catch (const std::exception& e) {
        return makeError(std::string("manifest: ") + e.what(), manifestPath.string());
    }

    auto file = whisper::packageFile(info.folder, info.modelFile);
    if (!file)
        return file.error();
    const auto& modelPath = *file;
    const auto digest = info.sha256.find(info.modelFile);
    if (digest == info.sha256.end())
        return makeError("the manifest has no sha256 entry for '" + info.modelFile + "'", manifestPath.string());
    if (verifyChecksums)
        if (auto checked = whisper::checkSha256(modelPath, info.modelFile, digest->second); !checked)
            return checked.error();
    return info;
}

} // namespace vox::kws
