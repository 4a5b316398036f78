#pragma once
#include "core/util/expected.h"

#include <filesystem>
#include <string>

namespace vox::whisper {

// A model package is a folder, and every file its manifest names must lie in it: loading a
// package runs its TorchScript, so a manifest must not reach for files elsewhere on the machine.

// Why `name` (the value of manifest field `field`) is not a plain file name; empty when it is.
// Refused: empty, "." and "..", path separators, NUL bytes.
std::string fileNameProblem(const std::string& name, const std::string& field);

// The file `name` in `folder`, once it is known to be a regular file whose real location (with
// every symbolic link resolved) is inside the folder's real location. The error names the file
// and says what is wrong: missing, not a regular file, or a link that leads out of the package.
Expected<std::filesystem::path> packageFile(const std::filesystem::path& folder, const std::string& name);

} // namespace vox::whisper
