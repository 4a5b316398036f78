#include "core/torch/torch_error.h"

#include <c10/util/Exception.h>

namespace vox {

std::string torchMessage(const std::exception& error)
{
    const auto* c10 = dynamic_cast<const c10::Error*>(&error);
    const std::string text = c10 ? c10->what_without_backtrace() : error.what();
    std::string line = text;
    if (text.find("TorchScript") != std::string::npos)
        if (const auto at = text.rfind("Error: "); at != std::string::npos)
            line = text.substr(at + 7);
    return line.substr(0, line.find('\n'));
}

} // namespace vox
