#pragma once
#include <nlohmann/json.hpp>

#include <string>

// JSON printed by the commands (-o json, env). Its strings carry bytes from files, paths and
// models (a package folder's name, a byte-level BPE token cut mid-character): nlohmann's dump()
// throws type_error 316 on bytes that are not UTF-8, and an exception there terminated the
// process. Every such string, keys too, is written with core/text/byte_text.h's escape.
namespace vox::cli {

std::string jsonOutput(const nlohmann::json& value, int indent = -1);

} // namespace vox::cli
