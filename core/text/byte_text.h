#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

// Text that came from a file, a column or a path is bytes: it may not be UTF-8. Core keeps such
// bytes losslessly and shows them escaped, so a JSON writer (nlohmann throws type_error 316 on
// invalid UTF-8) or a terminal never meets them raw.
//
// The escape is reversible: text that is valid UTF-8 and holds no "\x" is left as it is; any
// other text has each backslash written "\\" and each byte that is not part of a well-formed
// UTF-8 sequence written "\xNN" (two upper-case hex digits). unescapeBytes() undoes it.
namespace vox::text {

inline constexpr size_t kValidUtf8 = size_t(-1);

// The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode's
// Table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or kValidUtf8.
size_t invalidUtf8Offset(std::string_view bytes);
inline bool isValidUtf8(std::string_view bytes)
{
    return invalidUtf8Offset(bytes) == kValidUtf8;
}

// The length of the well-formed UTF-8 sequence at bytes[at], or 0 when it is not one.
size_t utf8SequenceLength(std::string_view bytes, size_t at);

std::string escapeBytes(std::string_view bytes);
std::string unescapeBytes(std::string_view text);

// A path as valid UTF-8 for messages and JSON: its bytes through escapeBytes(). The path itself
// (the bytes that open the file) is kept elsewhere, raw.
inline std::string displayPath(const std::filesystem::path& path)
{
    return escapeBytes(path.native());
}

// "byte 0xE9 at offset 5": where a text stops being UTF-8, for messages.
std::string describeInvalidUtf8(std::string_view bytes, size_t offset);

} // namespace vox::text
