#pragma once
#include "core/store/project_store.h"

#include <filesystem>
#include <string>

// A model package folder as the store's variant record: the manifest (voxbench-model.json for
// Whisper packages, voxbench-kws.json for keyword spotting) read and kept as written, the
// folder made absolute. Shared by `voxbench-cli variant add` and the GUI's Add Packages.
namespace vox::store {

// `name` empty: the folder's name. The error says what is wrong with the folder or manifest.
Expected<VariantRecord> variantFromPackage(const std::filesystem::path& folder, const std::string& name = {});

} // namespace vox::store
