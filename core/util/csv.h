#pragma once
#include <string>

namespace vox {

// One CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break), made safe
// to open in a spreadsheet: a cell a spreadsheet would run as a formula (it starts with '=',
// '@', a tab or a carriage return, or with '+' or '-' and is not a plain number such as "-0.5",
// "+2.8e-02" or "-3 %") gets a leading apostrophe, which spreadsheets show as text.
std::string csvField(const std::string& cell);

// True when `cell` would be run as a formula by a spreadsheet (what csvField neutralises).
bool looksLikeFormula(const std::string& cell);

} // namespace vox
