#pragma once
#include "core/store/sqlite_db.h"

// The project file's schema and its migrations. The version lives in PRAGMA user_version;
// migration N takes a project from version N-1 to N; all that a project needs run in one
// BEGIN IMMEDIATE transaction that reads the version again under the lock.
namespace vox::store {

inline constexpr int kSchemaVersion = 5;
// The oldest schema that today's reads understand, for a project that cannot be upgraded
// (read-only): schema 4 only added run_leases, which a read treats as empty when missing, and
// schema 5 the variants' trust columns, which a read of an older project treats as empty.
inline constexpr int kOldestReadableSchema = 3;

// Creates or upgrades the schema; refuses a project written by a newer VoxBench. Safe when
// several processes open the same old project at once.
Expected<Done> migrate(Database& db);
Expected<int> schemaVersion(Database& db);

} // namespace vox::store
