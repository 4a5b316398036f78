#pragma once
// Reads the fixture files that tools/ scripts write next to the test modules.
#include "core/torch/tensor_data.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>

namespace vox::test {

inline nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open fixture " + path + " (did the voxbench_fixtures target run?)");
    return nlohmann::json::parse(in);
}

inline TensorData tensorFrom(const nlohmann::json& j)
{
    TensorData t;
    t.shape = j.at("shape").get<std::vector<int64_t>>();
    t.values = j.at("values").get<std::vector<float>>();
    return t;
}

} // namespace vox::test
