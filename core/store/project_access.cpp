#include "core/store/project_access.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace vox::store {

namespace {

constexpr const char* kFolder = "the folder is not writable";
constexpr const char* kFile = "the file is not writable";

// access(2) for writing, or the errno it gives; the test hook stands in for EACCES.
int writeAccess(const std::filesystem::path& path, bool folder)
{
    if (const char* simulated = std::getenv("VOXBENCH_TEST_UNWRITABLE"))
        if (std::strcmp(simulated, folder ? "folder" : "file") == 0)
            return EACCES;
    return ::access(path.c_str(), folder ? W_OK | X_OK : W_OK) == 0 ? 0 : errno;
}

} // namespace

std::optional<std::string> writeProblem(const std::filesystem::path& project)
{
    std::filesystem::path folder = project.parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code ec;
    if (std::filesystem::exists(project, ec)) {
        if (const int e = writeAccess(project, false); e == EROFS)
            return std::string("the file system is read-only");
        else if (e != 0)
            return std::string(kFile);
    }
    if (const int e = writeAccess(folder, true); e == EROFS)
        return std::string("the file system is read-only");
    else if (e != 0 && e != ENOENT)
        return std::string(kFolder);
    return std::nullopt;
}

bool folderUnwritable(const std::string& problem)
{
    return problem != kFile;
}

std::string readOnlyMessage(const std::filesystem::path& project, const std::string& problem)
{
    return "the project is read-only: " + project.string() + " (" + problem + ")";
}

} // namespace vox::store
