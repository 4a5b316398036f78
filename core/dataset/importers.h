#pragma once
#include "core/dataset/dataset_import.h"

#include <filesystem>

// One function per format, each in its own file. `path` is absolute; the caller has already
// checked that it exists. Internal to core/dataset/.
namespace vox::dataset::detail {

Expected<ImportReport> importAudioFolder(const std::filesystem::path& dir, const ImportOptions& options);
Expected<ImportReport> importLibriSpeech(const std::filesystem::path& dir, const ImportOptions& options);
Expected<ImportReport> importNemoManifest(const std::filesystem::path& file, const ImportOptions& options);
Expected<ImportReport> importKaldiDirectory(const std::filesystem::path& dir, const ImportOptions& options);
Expected<ImportReport> importCommonVoice(const std::filesystem::path& file, const ImportOptions& options);
Expected<ImportReport> importTable(const std::filesystem::path& file, const ImportOptions& options);
Expected<ImportReport> importKwsClips(const std::filesystem::path& file, const ImportOptions& options);
Expected<ImportReport> importKwsStream(const std::filesystem::path& file, const ImportOptions& options);
Expected<ImportReport> importLabelFolders(const std::filesystem::path& dir, const ImportOptions& options);

// True for the audio extensions the folder importer looks for (case-insensitive, with the dot).
bool isAudioExtension(const std::filesystem::path& extension);

} // namespace vox::dataset::detail
