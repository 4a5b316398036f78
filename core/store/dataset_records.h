#pragma once
#include "core/dataset/dataset_import.h"
#include "core/store/project_store.h"

#include <string>
#include <vector>

// What an importer read (core/dataset), as the store's records: one place for the CLI's
// `import` and the GUI's import to agree on ids, times, durations and extra fields.
namespace vox::store {

std::vector<UtteranceRecord> utteranceRecords(const dataset::ImportReport& report);

// The dataset record: `name` empty -> the source's file or folder name; the report's format,
// skipped lines and notes kept as JSON.
DatasetRecord datasetRecord(const dataset::ImportReport& report, const std::string& name);

} // namespace vox::store
