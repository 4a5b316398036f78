#pragma once
#include "core/profile/op_event.h"
#include "core/util/expected.h"

#include <vector>

// libtorch's operator profiler (the Kineto-style C++ API; Debian's libtorch has no Kineto, yet
// records CPU operator events) behind a torch-free interface, and the user scopes the engine
// opens around its stages. Part of voxbench_torch.
namespace vox::profile {

// Starts recording on the calling thread (libtorch's profiler state is per thread). One
// recording at a time in the process: a second start is an error.
Expected<Done> startRecording(const RecorderOptions& options);
// Stops the calling thread's recording and returns its events in the order libtorch gave them.
Expected<std::vector<OpEvent>> stopRecording();
bool recording();

// A named span in the profile while a recording runs (a "user scope"); otherwise one atomic
// load. Stage names: op_event.h; any other name shows as an operator of that name.
class Scope {
public:
    explicit Scope(const char* name);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    void* m_guard = nullptr; // an at::RecordFunction while recording
};

} // namespace vox::profile
