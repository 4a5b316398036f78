#pragma once
// A table the CLI prints either as tab-separated text (for people and scripts: one line per row,
// a row's note on the line below it, indented) or as Markdown (for docs; notes after the table).
#include <ostream>
#include <string>
#include <vector>

namespace vox::cli {

struct TextTable {
    struct Row {
        std::vector<std::string> cells;
        std::string note; // why a run stopped, and the like
    };
    std::vector<std::string> header;
    std::vector<bool> numeric; // per column: right-aligned in Markdown
    std::vector<Row> rows;
};

void printTabSeparated(const TextTable& table, std::ostream& out);
void printMarkdown(const TextTable& table, std::ostream& out);

} // namespace vox::cli
