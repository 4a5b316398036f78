#include "core/dataset/delimited_reader.h"

#include "core/text/byte_text.h"

namespace vox::dataset::detail {

bool DelimitedReader::atLineEnd() const
{
    if (atEnd())
        return true;
    const char c = m_text[m_at];
    return c == '\n' || (c == '\r' && (m_at + 1 == m_text.size() || m_text[m_at + 1] == '\n'));
}

void DelimitedReader::consumeLineEnd()
{
    if (atEnd())
        return;
    if (m_text[m_at] == '\r')
        ++m_at;
    if (!atEnd() && m_text[m_at] == '\n')
        ++m_at;
    ++m_line;
}

void DelimitedReader::skipRestOfLine()
{
    while (!atLineEnd())
        ++m_at;
    consumeLineEnd();
}

// At an opening quote. Returns false when the record is malformed (reason in record.error).
bool DelimitedReader::readQuoted(std::string& field, Record& record)
{
    const std::int64_t opened = m_line;
    ++m_at;
    for (;;) {
        if (atEnd()) {
            record.error = "the quote opened on line " + std::to_string(opened) + " is never closed";
            return false;
        }
        const char c = m_text[m_at];
        if (c == '"') {
            if (m_at + 1 < m_text.size() && m_text[m_at + 1] == '"') {
                field += '"';
                m_at += 2;
                continue;
            }
            ++m_at;
            break;
        }
        if (c == '\r' && m_at + 1 < m_text.size() && m_text[m_at + 1] == '\n') {
            ++m_at; // a CRLF inside a field is kept as "\n"
            continue;
        }
        if (c == '\n')
            ++m_line;
        field += c;
        ++m_at;
    }
    if (atLineEnd() || m_text[m_at] == m_delimiter)
        return true;
    record.error = "text after the closing quote of field " + std::to_string(record.fields.size() + 1);
    return false;
}

bool DelimitedReader::next(Record& record)
{
    record.fields.clear();
    record.error.clear();
    while (!atEnd() && atLineEnd()) // blank lines
        consumeLineEnd();
    if (atEnd())
        return false;

    record.line = m_line;
    for (;;) {
        std::string field;
        if (m_quoting && m_text[m_at] == '"') {
            if (!readQuoted(field, record)) {
                skipRestOfLine();
                return true;
            }
        } else {
            const size_t begin = m_at;
            while (!atLineEnd() && m_text[m_at] != m_delimiter)
                ++m_at;
            field.assign(m_text.substr(begin, m_at - begin));
        }
        record.fields.push_back(std::move(field));
        if (atLineEnd()) {
            consumeLineEnd();
            return true;
        }
        ++m_at; // the delimiter
    }
}

size_t recordBytes(const Record& record)
{
    size_t bytes = 0;
    for (const auto& field : record.fields)
        bytes += field.size() + 1;
    return bytes;
}

Expected<size_t> findColumn(const std::vector<std::string>& header, const std::string& name, const char* role,
    const std::filesystem::path& file)
{
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return i;
    std::string known;
    for (const auto& column : header)
        known += (known.empty() ? "\"" : ", \"") + column + "\"";
    return makeError(
        "no column \"" + name + "\" (" + role + ") in the header; its columns are: " + text::escapeBytes(known),
        text::displayPath(file));
}

} // namespace vox::dataset::detail
