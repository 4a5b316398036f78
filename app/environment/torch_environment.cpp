#include "app/environment/torch_environment.h"

#include <mutex>

namespace vox::app {

const TorchEnvironment& torchEnvironmentOnce()
{
    static std::once_flag once;
    static TorchEnvironment environment;
    std::call_once(once, [] { environment = torchEnvironment(); });
    return environment;
}

} // namespace vox::app
