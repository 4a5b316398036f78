#pragma once
#include <filesystem>
#include <optional>
#include <string>

// Whether this process may write a project: the file and its folder (SQLite writes the -wal,
// -shm and journal files beside the project). A project that cannot be written is opened
// read-only for viewing, and every write is refused with the reason.
namespace vox::store {

// Why `project` cannot be written ("the folder is not writable", "the file is not writable",
// "the file system is read-only"), or nullopt when it can. Asks access(2), which answers for
// this process's user: for root, permission bits do not stop writes, so they do not count.
//
// Test hook: VOXBENCH_TEST_UNWRITABLE=folder (or =file) answers as access(2) would for a
// folder (file) without write permission, for tests that run as root, where chmod cannot
// make the condition; everything after the answer (how the file is opened, what is refused)
// is the real path.
std::optional<std::string> writeProblem(const std::filesystem::path& project);

// Whether `problem` (from writeProblem) leaves the folder unwritable, so SQLite cannot create
// the -shm file beside the project.
bool folderUnwritable(const std::string& problem);

// "the project is read-only: /path (the folder is not writable)"
std::string readOnlyMessage(const std::filesystem::path& project, const std::string& problem);

} // namespace vox::store
