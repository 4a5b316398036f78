#pragma once
#include <string>

namespace vox {

// This machine, as a project remembers it: who may load a model package without being asked
// (core/store/package_trust.h). The systemd / D-Bus machine id when there is one (stable across
// reboots and renames, distinct per installation), else "host:" and the host name;
// VOXBENCH_MACHINE_ID, when set, instead.
std::string machineId();

// The host name (for run cards, leases and messages: "added on gpu-node-07"); empty when the
// system gives none.
std::string hostName();

} // namespace vox
