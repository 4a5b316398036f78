#pragma once
#include "core/store/project_store.h"

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

} // namespace vox::store
