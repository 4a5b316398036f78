#include "core/torch/tensor_data.h"

namespace vox {

int64_t TensorData::elementCount() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

std::string TensorData::shapeText() const
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            text += ", ";
        text += std::to_string(shape[i]);
    }
    return text + "]";
}

} // namespace vox
