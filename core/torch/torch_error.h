#pragma once
// libtorch's exceptions as the one line a person can act on. Torch-free declaration; the
// torch side (voxbench_torch) calls it where it catches.
#include <exception>
#include <string>

namespace vox {

// A c10::Error without its C++ backtrace (what_without_backtrace), a TorchScript error without
// the interpreter's traceback (the text after its last "Error: "), then the first line of what
// is left. Any other exception: the first line of what().
std::string torchMessage(const std::exception& error);

} // namespace vox
