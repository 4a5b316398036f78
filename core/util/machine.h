#pragma once
#include <string>

namespace vox {

// This machine, as a project remembers it: who may load a model package without being asked
// (core/store/package_trust.h). The systemd / D-Bus machine id when there is one (stable across
// reboots and renames, distinct per installation), else "host:" and the host name;
// VOXBENCH_MACHINE_ID, when set, instead.
std::string machineId();

// The host name, for messages ("registered on gpu-node-07").
std::string hostName();

} // namespace vox
