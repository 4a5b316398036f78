#pragma once
#include "core/store/project_store.h"

#include <cstdint>
#include <filesystem>
#include <string>

// A model package folder as the store's variant record: the manifest (voxbench-model.json for
// Whisper packages, voxbench-kws.json for keyword spotting) read and kept as written, the
// folder made absolute. Shared by `voxbench-cli variant add` and the GUI's Add Packages.
namespace vox::store {

// `name` empty: the folder's name. The package is checked as fully as it can be without torch,
// with the readers the engine and the classifier load it with (every manifest field, dims and
// token ids, each file present with its SHA-256, a Whisper vocabulary that covers the model's
// text tokens), so a broken package is refused here rather than when a run loads it. The error
// says what is wrong and names the file.
Expected<VariantRecord> variantFromPackage(const std::filesystem::path& folder, const std::string& name = {});

// What a stored manifest (VariantRecord::manifestJson) says about its package, for lists and
// run cards. Plain fields of both package kinds; a field the manifest lacks, or has with
// another type, is empty (0, false); text that is not a JSON object gives all empty.
struct VariantFacts {
    std::string family;      // "whisper", "kws-crnn"
    std::string kind;        // variant.kind: "fp32", "int8", "pruned", ...
    std::string description; // variant.description
    std::string source;      // source.description (Whisper packages)
    int64_t parameters = 0;  // parameter_count
    bool demo = false;       // source.demo: made from VoxBench's demo model
};

VariantFacts variantFacts(const std::string& manifestJson); // never throws

} // namespace vox::store
