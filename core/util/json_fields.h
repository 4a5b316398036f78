#pragma once
// Reading stored JSON (manifests, run cards) in core's .cpp files; nlohmann-json is a private
// dependency of voxbench_core, so this header is not for app/ or ui/.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <exception>
#include <string>

namespace vox::json_fields {

// Fields of a document that may be incomplete or from another version: a missing field, or one
// of another type, reads as `otherwise` and never throws (nlohmann's value() throws on a type it
// cannot convert).

// `key` of `j` when `j` is an object that has it; else null.
inline const nlohmann::json& at(const nlohmann::json& j, const char* key)
{
    static const nlohmann::json none;
    if (!j.is_object())
        return none;
    const auto it = j.find(key);
    return it == j.end() ? none : *it;
}

inline std::string text(const nlohmann::json& j, const char* key, const std::string& otherwise = {})
{
    const auto& v = at(j, key);
    return v.is_string() ? v.get<std::string>() : otherwise;
}

inline int64_t integer(const nlohmann::json& j, const char* key, int64_t otherwise = 0)
{
    const auto& v = at(j, key);
    return v.is_number_integer() ? v.get<int64_t>() : otherwise;
}

inline bool flag(const nlohmann::json& j, const char* key, bool otherwise = false)
{
    const auto& v = at(j, key);
    return v.is_boolean() ? v.get<bool>() : otherwise;
}

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
