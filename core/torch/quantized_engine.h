#pragma once
// libtorch's quantized engine (a process-wide setting) by name, for int8 packages. Torch-free
// declarations; defined in voxbench_torch.
#include "core/util/expected.h"

#include <mutex>
#include <string>
#include <vector>

namespace vox {

// The quantized engines this libtorch has, by the names torch.backends.quantized uses
// ("qnnpack", "fbgemm", "onednn", "x86"; "none" for the placeholder engine).
std::vector<std::string> quantizedEngineNames();

// Makes the engine called `name` current. Call it before loading an int8 module: its packed
// weights are unpacked for the engine that is current then. The error (with `where` as its
// context) says when this libtorch has no such engine.
Expected<Done> selectQuantizedEngine(const std::string& name, const std::string& where);

// The engine an int8 module is loaded with: `wanted` where this libtorch has it, else QNNPACK
// (every libtorch that quantizes has it: ARM builds have no oneDNN/FBGEMM), else the first one
// it has; empty when it has none.
std::string availableQuantizedEngine(const std::string& wanted);

// Held from selecting an engine until the module is loaded: the engine is process-wide, and two
// packages may load at once on two threads.
std::mutex& quantizedEngineMutex();

} // namespace vox
