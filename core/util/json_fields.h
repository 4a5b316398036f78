#pragma once
// Reading stored JSON (manifests, run cards) in core's .cpp files; nlohmann-json is a private
// dependency of voxbench_core, so this header is not for app/ or ui/.
#include <nlohmann/json.hpp>

#include <exception>
#include <string>

namespace vox::json_fields {

// nlohmann's message without its "[json.exception.parse_error.101] " tag: "parse error at line
// 4, column 7: syntax error ...".
inline std::string errorText(const std::exception& error)
{
    std::string text = error.what();
    if (const auto tag = text.find("] "); text.starts_with("[json.exception") && tag != std::string::npos)
        text.erase(0, tag + 2);
    return text;
}

} // namespace vox::json_fields
