#pragma once
#include <ostream>

namespace vox::cli {

// Where a command writes. Commands take it instead of using std::cout directly, so tests and
// callers can capture output.
struct CliContext {
    std::ostream& out;
    std::ostream& err;
};

} // namespace vox::cli
