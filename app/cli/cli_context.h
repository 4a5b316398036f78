#pragma once
#include "core/store/project_store.h"

#include <ostream>
#include <string>

namespace vox::cli {

// Where a command writes. Commands take it instead of using std::cout directly, so tests and
// callers can capture output.
struct CliContext {
    std::ostream& out;
    std::ostream& err;
};

// A command that writes the project refuses a read-only one before doing anything: the message
// names the project and the reason, and the exit code is 2, as for a usage error. nullopt:
// the project can be written.
inline std::optional<int> refuseReadOnly(const store::ProjectStore& store, const std::string& command, CliContext& context)
{
    auto writable = store.writable();
    if (writable)
        return std::nullopt;
    context.err << "voxbench-cli " << command << ": " << writable.error().describe() << "\n";
    return 2;
}

} // namespace vox::cli
