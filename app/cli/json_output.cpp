#include "app/cli/json_output.h"

#include "core/text/byte_text.h"

namespace vox::cli {

namespace {

std::string valid(const std::string& text)
{
    return text::isValidUtf8(text) ? text : text::escapeBytes(text);
}

// A copy with every string valid UTF-8. The commands' JSON is a few levels deep.
nlohmann::json withValidStrings(const nlohmann::json& value)
{
    if (value.is_string())
        return valid(value.get_ref<const std::string&>());
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : value)
            out.push_back(withValidStrings(item));
        return out;
    }
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, item] : value.items())
            out[valid(key)] = withValidStrings(item);
        return out;
    }
    return value;
}

} // namespace

std::string jsonOutput(const nlohmann::json& value, int indent)
{
    return withValidStrings(value).dump(indent);
}

} // namespace vox::cli
