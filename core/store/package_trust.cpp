#include "core/store/package_trust.h"

#include "core/util/machine.h"

#include <algorithm>

namespace vox::store {

bool trustedHere(const VariantRecord& variant)
{
    const auto& machines = variant.trustedMachines;
    return std::find(machines.begin(), machines.end(), machineId()) != machines.end();
}

std::string untrustedMessage(const VariantRecord& variant, const std::filesystem::path& project)
{
    const std::string from = variant.registeredOn.empty() ? std::string("by an older VoxBench or on another machine")
                                                          : "on " + variant.registeredOn;
    return "variant " + variant.name + " was added to this project " + from + ", not on this machine ("
           + hostName() + "). Loading a model package runs its code: load " + variant.packagePath
           + " only if it comes from someone you trust. To allow it here: voxbench-cli variant trust -p '"
           + project.string() + "' " + variant.name + " (or answer Yes when the GUI asks)";
}

} // namespace vox::store
