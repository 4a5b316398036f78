#pragma once
#include "core/util/expected.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

// Records of a CSV or TSV text. With quoting on, fields follow RFC 4180: a field that starts
// with '"' runs to the matching '"', a doubled '""' inside stands for one quote, and delimiters
// and line breaks inside are part of the field. With quoting off (Common Voice's TSV, whose
// sentences contain bare quotes), every '"' is literal. "\r\n" and "\n" both end a record;
// blank lines are skipped. Internal to core/dataset/.
namespace vox::dataset::detail {

struct Record {
    std::int64_t line = 0; // where the record starts, 1-based
    std::vector<std::string> fields;
    std::string error; // non-empty: the record is malformed and should be skipped
};

// The bytes of a record's fields (what ImportLimits::maxLineBytes bounds).
size_t recordBytes(const Record& record);

class DelimitedReader {
public:
    DelimitedReader(std::string_view text, char delimiter, bool quoting)
        : m_text(text)
        , m_delimiter(delimiter)
        , m_quoting(quoting)
    {
    }

    // The next record; false at the end of the text.
    bool next(Record& record);

private:
    bool atEnd() const { return m_at >= m_text.size(); }
    bool atLineEnd() const;
    void consumeLineEnd();
    void skipRestOfLine();
    bool readQuoted(std::string& field, Record& record);

    std::string_view m_text;
    char m_delimiter;
    bool m_quoting;
    size_t m_at = 0;
    std::int64_t m_line = 1;
};

// Index of the column `name` in a header row, or an Error that names the column, says what it
// was wanted for (`role`) and lists the header's columns.
Expected<size_t> findColumn(const std::vector<std::string>& header, const std::string& name, const char* role,
    const std::filesystem::path& file);

} // namespace vox::dataset::detail
