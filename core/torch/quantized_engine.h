#pragma once
// libtorch's quantized engine (a process-wide setting) by name, for int8 packages. Torch-free
// declarations; defined in voxbench_torch.
#include "core/util/expected.h"

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

} // namespace vox
