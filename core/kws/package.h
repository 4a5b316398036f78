#pragma once
// Reading and checking a KWS model package's manifest and files (docs/MODEL-PACKAGE.md, "KWS
// packages"). Torch-free; the TorchScript module itself is checked by Classifier::load.
#include "core/kws/kws_types.h"
#include "core/util/expected.h"

#include <filesystem>

namespace vox::kws {

// Reads `folder/voxbench-kws.json` and checks what can be checked without torch: every field
// and its type, format version and family, labels and keyword index, sample rate, hop, chunk
// (a multiple of the hop), detection settings, that the model file exists and (when
// verifyChecksums) that its SHA-256 matches. Errors name the manifest or the file.
Expected<PackageInfo> readPackage(const std::filesystem::path& folder, bool verifyChecksums = true);

} // namespace vox::kws
