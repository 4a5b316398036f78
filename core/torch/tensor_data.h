#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace vox {

// A dense float32 tensor as plain data, for crossing the core boundary without torch types.
struct TensorData {
    std::vector<int64_t> shape;
    std::vector<float> values;

    // Number of elements the shape implies (1 for a scalar with empty shape).
    int64_t elementCount() const;
    // "[2, 3]"
    std::string shapeText() const;
};

} // namespace vox
