#pragma once
#include <string>

namespace vox {

// What went wrong, in words a person can act on. `context` names the thing it happened to
// (a file, an utterance id, a model package) so the UI can point at it.
struct Error {
    std::string message;
    std::string context;

    // "context: message", or just the message when there is no context.
    std::string describe() const;
};

} // namespace vox
