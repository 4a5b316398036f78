#include "core/whisper/package.h"

#include "core/util/json_fields.h"
#include "core/whisper/package_files.h"
#include "core/whisper/sha256.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace vox::whisper {

namespace {

using nlohmann::json;

// Thrown inside this file only, turned into an Error before readPackage returns.
struct ManifestError {
    std::string message;
};

const json& field(const json& object, const std::string& parent, const char* name)
{
    const std::string path = parent.empty() ? name : parent + "." + name;
    if (!object.is_object() || !object.contains(name))
        throw ManifestError{"field '" + path + "' is missing"};
    return object.at(name);
}

int64_t integer(const json& object, const std::string& parent, const char* name)
{
    const json& v = field(object, parent, name);
    if (!v.is_number_integer())
        throw ManifestError{"field '" + (parent.empty() ? std::string(name) : parent + "." + name) + "' must be an integer"};
    return v.get<int64_t>();
}

std::string text(const json& object, const std::string& parent, const char* name)
{
    const json& v = field(object, parent, name);
    if (!v.is_string())
        throw ManifestError{"field '" + (parent.empty() ? std::string(name) : parent + "." + name) + "' must be a string"};
    return v.get<std::string>();
}

std::vector<int64_t> integers(const json& object, const std::string& parent, const char* name)
{
    const json& v = field(object, parent, name);
    const std::string path = parent.empty() ? std::string(name) : parent + "." + name;
    if (!v.is_array())
        throw ManifestError{"field '" + path + "' must be a list of integers"};
    std::vector<int64_t> out;
    for (const auto& item : v) {
        if (!item.is_number_integer())
            throw ManifestError{"field '" + path + "' must be a list of integers"};
        out.push_back(item.get<int64_t>());
    }
    return out;
}

std::vector<int> smallIntegers(const json& object, const std::string& parent, const char* name)
{
    std::vector<int> out;
    for (int64_t v : integers(object, parent, name))
        out.push_back(static_cast<int>(v));
    return out;
}

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw ManifestError{message};
}

ModelDims readDims(const json& m)
{
    const json& d = field(m, "", "dims");
    auto get = [&](const char* name) { return static_cast<int>(integer(d, "dims", name)); };
    ModelDims dims{get("n_mels"),  get("n_audio_ctx"),  get("n_audio_state"), get("n_audio_head"),
                   get("n_audio_layer"), get("n_vocab"), get("n_text_ctx"),    get("n_text_state"),
                   get("n_text_head"), get("n_text_layer")};
    require(dims.nMels == 80 || dims.nMels == 128, "dims.n_mels is " + std::to_string(dims.nMels) + ", expected 80 or 128");
    // OpenAI's checkpoints have 1500 (30-second windows); models trained on shorter windows
    // (the demo model: 6 s) are read with windows of 2 * n_audio_ctx frames.
    require(dims.nAudioCtx >= 2 && dims.nAudioCtx <= 1500,
            "dims.n_audio_ctx is " + std::to_string(dims.nAudioCtx)
                + ", expected 2 to 1500 (encoder positions; 1500 is 30-second windows of 3000 frames)");
    for (int v : {dims.nAudioState, dims.nAudioHead, dims.nAudioLayer, dims.nTextCtx, dims.nTextState, dims.nTextHead,
                  dims.nTextLayer})
        require(v > 0, "dims hold a value that is not positive");
    require(dims.nAudioState % dims.nAudioHead == 0 && dims.nTextState % dims.nTextHead == 0,
            "dims: the state width is not a multiple of the head count");
    return dims;
}

SpecialTokens readSpecial(const json& m)
{
    const json& s = field(m, "", "special_tokens");
    auto get = [&](const char* name) { return integer(s, "special_tokens", name); };
    return {get("endoftext"), get("startoftranscript"), get("translate"), get("transcribe"), get("startoflm"),
            get("startofprev"), get("nospeech"), get("notimestamps"), get("timestamp_begin")};
}

PackageShapes readShapes(const json& m, const ModelDims& dims)
{
    const json& s = field(m, "", "shapes");
    PackageShapes out;
    const json& headDim = field(s, "shapes", "head_dim");
    out.encoderHeadDim = static_cast<int>(integer(headDim, "shapes.head_dim", "encoder"));
    out.decoderHeadDim = static_cast<int>(integer(headDim, "shapes.head_dim", "decoder"));
    const json& heads = field(s, "shapes", "heads");
    out.encoderHeads = smallIntegers(heads, "shapes.heads", "encoder.attn");
    out.decoderSelfHeads = smallIntegers(heads, "shapes.heads", "decoder.attn");
    out.decoderCrossHeads = smallIntegers(heads, "shapes.heads", "decoder.cross_attn");
    const json& mlp = field(s, "shapes", "mlp");
    out.encoderMlp = smallIntegers(mlp, "shapes.mlp", "encoder");
    out.decoderMlp = smallIntegers(mlp, "shapes.mlp", "decoder");
    out.selfKvWidth = static_cast<int>(integer(s, "shapes", "self_kv_width"));
    out.crossKvWidth = static_cast<int>(integer(s, "shapes", "cross_kv_width"));

    auto layers = [](const std::vector<int>& v, int expected, const std::string& what) {
        require(static_cast<int>(v.size()) == expected, "shapes." + what + " lists " + std::to_string(v.size())
                                                            + " layers but dims say " + std::to_string(expected));
    };
    layers(out.encoderHeads, dims.nAudioLayer, "heads[\"encoder.attn\"]");
    layers(out.encoderMlp, dims.nAudioLayer, "mlp.encoder");
    layers(out.decoderSelfHeads, dims.nTextLayer, "heads[\"decoder.attn\"]");
    layers(out.decoderCrossHeads, dims.nTextLayer, "heads[\"decoder.cross_attn\"]");
    layers(out.decoderMlp, dims.nTextLayer, "mlp.decoder");
    require(out.encoderHeadDim * dims.nAudioHead == dims.nAudioState,
            "shapes.head_dim.encoder x dims.n_audio_head is not dims.n_audio_state");
    require(out.decoderHeadDim * dims.nTextHead == dims.nTextState,
            "shapes.head_dim.decoder x dims.n_text_head is not dims.n_text_state");
    // The caches are rectangular: every decoder layer keeps the same head count.
    require(out.selfKvWidth == out.decoderSelfHeads.at(0) * out.decoderHeadDim,
            "shapes.self_kv_width is " + std::to_string(out.selfKvWidth) + ", but decoder.attn heads x head_dim is "
                + std::to_string(out.decoderSelfHeads.at(0) * out.decoderHeadDim));
    require(out.crossKvWidth == out.decoderCrossHeads.at(0) * out.decoderHeadDim,
            "shapes.cross_kv_width is " + std::to_string(out.crossKvWidth)
                + ", but decoder.cross_attn heads x head_dim is "
                + std::to_string(out.decoderCrossHeads.at(0) * out.decoderHeadDim));
    return out;
}

void checkTokens(const PackageInfo& p)
{
    const auto& d = p.dims;
    const std::string vocab = std::to_string(d.nVocab);
    require(p.multilingual ? d.nVocab >= 51865 : d.nVocab == 51864,
            "dims.n_vocab " + vocab + (p.multilingual ? " is too small for a multilingual model (at least 51865)"
                                                      : " does not fit an English-only model (51864)"));
    for (int64_t id : {p.special.endOfText, p.special.startOfTranscript, p.special.translate, p.special.transcribe,
                       p.special.startOfLm, p.special.startOfPrev, p.special.noSpeech, p.special.noTimestamps,
                       p.special.timestampBegin})
        require(id >= 0 && id < d.nVocab, "special token id " + std::to_string(id) + " is outside the vocabulary of " + vocab);
    for (const auto& list : {p.suppressTokens, p.beginSuppressTokens})
        for (int64_t id : list)
            require(id >= 0 && id < d.nVocab, "suppressed token id " + std::to_string(id) + " is outside the vocabulary of " + vocab);
    for (const auto& [code, id] : p.languageTokens)
        require(id >= 0 && id < d.nVocab, "language token '" + code + "' is outside the vocabulary of " + vocab);
    require(p.textTokenLimit == p.special.endOfText, "text_token_limit must equal special_tokens.endoftext");
    require(p.defaultMaxNewTokens >= 0, "decoding_defaults.max_new_tokens is negative");
    require(d.nTextCtx > 4, "dims.n_text_ctx leaves no room after the prompt");
}

PackageInfo parse(const json& m, const std::filesystem::path& folder)
{
    PackageInfo p;
    p.folder = folder;
    p.formatVersion = static_cast<int>(integer(m, "", "format_version"));
    require(p.formatVersion == kPackageFormatVersion,
            "format_version " + std::to_string(p.formatVersion) + " is not supported (this VoxBench reads version "
                + std::to_string(kPackageFormatVersion) + ")");
    p.family = text(m, "", "family");
    require(p.family == "whisper", "family '" + p.family + "' is not supported (expected 'whisper')");
    p.dims = readDims(m);
    const json& ml = field(m, "", "multilingual");
    require(ml.is_boolean(), "field 'multilingual' must be true or false");
    p.multilingual = ml.get<bool>();
    p.vocabulary = text(m, "", "vocabulary");
    p.special = readSpecial(m);
    const json& langs = field(m, "", "language_tokens");
    require(langs.is_object(), "field 'language_tokens' must be an object");
    for (const auto& [code, id] : langs.items()) {
        require(id.is_number_integer(), "language_tokens." + code + " must be an integer");
        p.languageTokens.emplace_back(code, id.get<int64_t>());
    }
    p.textTokenLimit = integer(m, "", "text_token_limit");
    p.suppressTokens = integers(m, "", "suppress_tokens");
    p.beginSuppressTokens = integers(m, "", "begin_suppress_tokens");
    const json& dd = field(m, "", "decoding_defaults");
    p.defaultMaxNewTokens = static_cast<int>(integer(dd, "decoding_defaults", "max_new_tokens"));
    const json& guard = field(dd, "decoding_defaults", "repetition_guard");
    p.guardMaxNgram = static_cast<int>(integer(guard, "decoding_defaults.repetition_guard", "max_ngram"));
    p.guardRepeats = static_cast<int>(integer(guard, "decoding_defaults.repetition_guard", "repeats"));
    p.shapes = readShapes(m, p.dims);
    const json& source = field(m, "", "source");
    p.sourceKind = text(source, "source", "kind");
    p.sourceDescription = text(source, "source", "description");
    const json& variant = field(m, "", "variant");
    p.variantKind = text(variant, "variant", "kind");
    p.variantDescription = text(variant, "variant", "description");
    const json& options = field(variant, "variant", "options");
    if (p.variantKind == "int8") {
        auto known = [&](const std::string& name, const std::string& key) {
            require(name == "qnnpack" || name == "onednn" || name == "fbgemm" || name == "x86",
                    "variant.options." + key + " '" + name + "' is not a quantized engine (qnnpack, onednn, fbgemm, x86)");
            return name;
        };
        p.quantizationEngine = known(text(options, "variant.options", "quantization_engine"), "quantization_engine");
        p.encoderEngine = p.decoderEngine = p.quantizationEngine;
        if (options.contains("quantization_engines")) {
            const json& per = field(options, "variant.options", "quantization_engines");
            p.encoderEngine = known(text(per, "variant.options.quantization_engines", "encoder"), "quantization_engines.encoder");
            p.decoderEngine = known(text(per, "variant.options.quantization_engines", "decoder"), "quantization_engines.decoder");
        }
    }
    const json& dtype = field(variant, "variant", "dtype_at_load");
    if (!dtype.is_null()) {
        require(dtype == "float16" || dtype == "bfloat16", "variant.dtype_at_load must be null, float16 or bfloat16");
        p.dtypeAtLoad = dtype.get<std::string>();
    }
    p.parameterCount = integer(m, "", "parameter_count");
    p.torchVersion = text(m, "", "torch_version");
    const json& files = field(m, "", "files");
    auto fileName = [&](const char* key) {
        std::string name = text(files, "files", key);
        const std::string problem = fileNameProblem(name, std::string("files.") + key);
        require(problem.empty(), problem);
        return name;
    };
    p.files = {fileName("encoder"), fileName("decoder"), fileName("vocab"), fileName("merges"),
               fileName("vocab_license")};
    const json& sums = field(m, "", "sha256");
    require(sums.is_object(), "field 'sha256' must be an object");
    for (const auto& [name, digest] : sums.items()) {
        require(digest.is_string(), "sha256." + name + " must be a string");
        p.sha256[name] = digest.get<std::string>();
    }
    checkTokens(p);
    return p;
}

} // namespace

std::optional<int64_t> PackageInfo::languageToken(const std::string& code) const
{
    for (const auto& [name, id] : languageTokens)
        if (name == code)
            return id;
    return std::nullopt;
}

std::vector<int64_t> PackageInfo::prompt(int64_t language, int64_t task) const
{
    if (!multilingual)
        return {special.startOfTranscript, special.noTimestamps};
    return {special.startOfTranscript, language, task, special.noTimestamps};
}

Expected<PackageInfo> readPackage(const std::filesystem::path& folder, const PackageReadOptions& options)
{
    const std::string where = folder.string();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return makeError("not a model package folder (it does not exist or is not a directory)", where);
    const auto manifestPath = folder / kManifestName;
    std::ifstream in(manifestPath);
    if (!in)
        return makeError(std::string("the package has no manifest ") + kManifestName, where);

    PackageInfo info;
    try {
        const json manifest = json::parse(in);
        info = parse(manifest, folder);
    } catch (const json::parse_error& e) {
        return makeError("the manifest is not valid JSON: " + json_fields::errorText(e), manifestPath.string());
    } catch (const ManifestError& e) {
        return makeError("manifest: " + e.message, manifestPath.string());
    } catch (const std::exception& e) {
        return makeError(std::string("manifest: ") + e.what(), manifestPath.string());
    }

    for (const std::string& name : {info.files.encoder, info.files.decoder, info.files.vocab, info.files.merges,
                                    info.files.vocabLicense}) {
        auto file = packageFile(info.folder, name);
        if (!file)
            return file.error();
        const auto& path = *file;
        const auto digest = info.sha256.find(name);
        if (digest == info.sha256.end())
            return makeError("the manifest has no sha256 entry for '" + name + "'", manifestPath.string());
        if (!options.verifyChecksums)
            continue;
        if (options.cancel && options.cancel->load())
            return makeError("cancelled while the package was read", info.folder.string());
        if (auto checked = checkSha256(path, name, digest->second); !checked)
            return checked.error();
    }
    return info;
}

} // namespace vox::whisper
