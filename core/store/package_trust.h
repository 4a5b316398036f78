#pragma once
#include "core/store/project_store.h"

#include <filesystem>
#include <string>

namespace vox::store {

// Loading a model package runs its code (TorchScript is a program, not only weights), so a
// package should come from someone the user trusts. A variant registered on this machine was
// chosen here by a person; one that came with a project from another machine (or an older
// VoxBench, which recorded no machine) is loaded only after a person here says yes: the GUI
// asks, the CLI refuses with the command that allows it. The answer is kept per machine.
bool trustedHere(const VariantRecord& variant);

// Why the variant's package is not loaded unasked, and how to allow it, for a person.
std::string untrustedMessage(const VariantRecord& variant, const std::filesystem::path& project);

} // namespace vox::store
