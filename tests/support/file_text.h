#pragma once
// A whole file as a string, for tests that put a package's manifest into a project.
#include <fstream>
#include <iterator>
#include <string>

namespace vox::test {

inline std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace vox::test
