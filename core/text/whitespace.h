#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vox::text {

// Splits UTF-8 text on Unicode white space (ICU's definition), dropping empty pieces.
std::vector<std::string> splitWords(std::string_view text);
// The same words joined by single ASCII spaces.
std::string collapseWhitespace(std::string_view text);

} // namespace vox::text
