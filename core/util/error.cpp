#include "core/util/error.h"

namespace vox {

std::string Error::describe() const
{
    if (context.empty())
        return message;
    return context + ": " + message;
}

} // namespace vox
