#include "core/whisper/package_files.h"

namespace vox::whisper {

namespace fs = std::filesystem;

std::string fileNameProblem(const std::string& name, const std::string& field)
{
    if (name.empty())
        return field + " is empty; it must name a file inside the package folder";
    if (name == "." || name == ".." || name.find('/') != std::string::npos || name.find('\\') != std::string::npos)
        return field + " ('" + name + "') must be a file name inside the package folder, not a path";
    if (name.find('\0') != std::string::npos)
        return field + " contains a NUL byte; it must be a plain file name";
    return {};
}

Expected<fs::path> packageFile(const fs::path& folder, const std::string& name)
{
    const fs::path path = folder / name;
    std::error_code ec;
    const auto status = fs::symlink_status(path, ec);
    if (ec || !fs::exists(status))
        return makeError("the package lists '" + name + "' but the file is missing", path.string());
    const fs::path real = fs::canonical(path, ec);
    if (ec)
        return makeError("the package lists '" + name + "' but it cannot be resolved: " + ec.message(), path.string());
    const fs::path home = fs::canonical(folder, ec);
    if (ec)
        return makeError("the package folder cannot be resolved: " + ec.message(), folder.string());
    const fs::path relative = real.lexically_relative(home);
    if (relative.empty() || *relative.begin() == "..")
        return makeError("'" + name + "' is a symbolic link to " + real.string()
                             + ", outside the package folder; a package's files must lie in its folder "
                               "(copy the file in instead of linking to it)",
                         path.string());
    if (!fs::is_regular_file(real, ec))
        return makeError("the package lists '" + name + "' but it is not a regular file", path.string());
    return path;
}

} // namespace vox::whisper
