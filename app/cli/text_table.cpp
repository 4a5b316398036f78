#include "app/cli/text_table.h"

namespace vox::cli {

namespace {

void line(const std::vector<std::string>& cells, const char* separator, std::ostream& out)
{
    for (size_t i = 0; i < cells.size(); ++i)
        out << (i ? separator : "") << cells[i];
}

// A cell's '|' would end the cell early.
std::string markdownCell(const std::string& text)
{
    std::string out;
    for (char c : text)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

// "area [95% CI]" -> "Area [95% CI]"; units and ratios ("ms/clip", "vs teacher") stay as they are.
std::string heading(std::string text)
{
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z' && !text.starts_with("ms/") && !text.starts_with("vs "))
        text[0] = char(text[0] - 'a' + 'A');
    return text;
}

} // namespace

void printTabSeparated(const TextTable& table, std::ostream& out)
{
    line(table.header, "\t", out);
    out << "\n";
    for (const auto& row : table.rows) {
        line(row.cells, "\t", out);
        out << "\n";
        if (!row.note.empty())
            out << "  " << row.note << "\n";
    }
}

void printMarkdown(const TextTable& table, std::ostream& out)
{
    std::vector<std::string> cells, rule;
    for (size_t i = 0; i < table.header.size(); ++i) {
        cells.push_back(markdownCell(heading(table.header[i])));
        rule.push_back(i < table.numeric.size() && table.numeric[i] ? "---:" : "---");
    }
    out << "| ";
    line(cells, " | ", out);
    out << " |\n|";
    line(rule, "|", out);
    out << "|\n";
    for (const auto& row : table.rows) {
        cells.clear();
        for (const auto& c : row.cells)
            cells.push_back(markdownCell(c));
        out << "| ";
        line(cells, " | ", out);
        out << " |\n";
    }
    out << "\n"; // a line right below a table would read as one more row
    bool notes = false;
    for (const auto& row : table.rows) {
        if (row.note.empty())
            continue;
        out << "- " << (row.cells.empty() ? "" : row.cells.front() + ": ") << row.note << "\n";
        notes = true;
    }
    if (notes)
        out << "\n";
}

} // namespace vox::cli
