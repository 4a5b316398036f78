#pragma once
#include "core/store/sqlite_db.h"

// The project file's schema and its migrations. The version lives in PRAGMA user_version;
// migration N takes a project from version N-1 to N inside one transaction.
namespace vox::store {

inline constexpr int kSchemaVersion = 4;

// Creates or upgrades the schema; refuses a project written by a newer VoxBench.
Expected<Done> migrate(Database& db);
Expected<int> schemaVersion(Database& db);

} // namespace vox::store
