#pragma once
#include "core/store/project_access.h"

#include <optional>
#include <ostream>
#include <string>

namespace vox::cli {

// Where a command writes. Commands take it instead of using std::cout directly, so tests and
// callers can capture output.
struct CliContext {
    std::ostream& out;
    std::ostream& err;
};

// A command that writes the project refuses a read-only one before doing anything (reading a
// dataset, checking packages): the message names the project and the reason, and the exit code
// is 2, as for a usage error. nullopt: the project can be written (or is still to be created).
inline std::optional<int> refuseReadOnly(const std::string& project, const std::string& command, CliContext& context)
{
    const auto problem = store::writeProblem(project);
    if (!problem)
        return std::nullopt;
    context.err << "voxbench-cli " << command << ": " << store::readOnlyMessage(project, *problem) << "\n";
    return 2;
}

} // namespace vox::cli
