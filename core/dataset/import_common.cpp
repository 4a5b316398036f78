#include "core/dataset/import_common.h"

#include "core/text/byte_text.h"
#include "core/util/strings.h"

#include "core/log/log.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace vox::dataset::detail {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

} // namespace

namespace {

constexpr const char* kSplitAdvice = "Split the manifest into several files and import each.";

Error bytesLimitError(const fs::path& file, const std::string& size, std::uint64_t limit)
{
    return makeError("the file holds " + size + " bytes; the limit is " + std::to_string(limit)
            + " bytes per manifest (ImportLimits::maxManifestBytes). " + kSplitAdvice,
        text::displayPath(file));
}

Error linesLimitError(const fs::path& file, const ImportLimits& limits)
{
    return makeError("the file has more than " + std::to_string(limits.maxLinesPerFile) + " lines; the limit is "
            + std::to_string(limits.maxLinesPerFile) + " lines per manifest (ImportLimits::maxLinesPerFile). "
            + kSplitAdvice,
        text::displayPath(file));
}

} // namespace

Expected<std::string> readTextFile(const fs::path& path, std::uint64_t maxBytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("cannot open the file for reading", text::displayPath(path));
    std::string text;
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (!error && size > maxBytes)
        return bytesLimitError(path, std::to_string(size), maxBytes);
    if (!error) {
        text.resize(size); // one read; a character-wise copy costs more than the JSON parsing
        in.read(text.data(), std::streamsize(size));
        text.resize(size_t(in.gcount()));
        if (in.eof()) // shorter than file_size said: the file shrank meanwhile
            in.clear(in.rdstate() & ~(std::ios::eofbit | std::ios::failbit));
    } else {
        std::ostringstream all;
        all << in.rdbuf();
        text = std::move(all).str();
    }
    if (in.bad())
        return makeError("reading the file failed", text::displayPath(path));
    if (text.size() > maxBytes) // a file without a size (a pipe) that was read anyway
        return bytesLimitError(path, "more than " + std::to_string(maxBytes), maxBytes);
    if (std::string_view(text).substr(0, kBom.size()) == kBom)
        text.erase(0, kBom.size());
    return text;
}

Expected<std::string> readFirstLine(const fs::path& path)
{
    // Streamed: sniffing a file of one 10 GB line must not read it all.
    LineReader lines(path, ImportLimits {});
    if (!lines.opened())
        return makeError("cannot open the file for reading", text::displayPath(path));
    std::string line;
    bool tooLong = false;
    while (lines.next(line, tooLong))
        if (!isBlank(line))
            return line;
    if (lines.error())
        return *lines.error();
    return std::string();
}

std::string_view trim(std::string_view text)
{
    return trimAsciiSpace(text);
}

bool isBlank(std::string_view text)
{
    return trim(text).empty();
}

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

void splitFirstWord(std::string_view line, std::string_view& first, std::string_view& rest)
{
    line = trim(line);
    const auto gap = line.find_first_of(" \t");
    first = line.substr(0, gap);
    rest = gap == std::string_view::npos ? std::string_view() : trim(line.substr(gap));
}

std::optional<double> parseNumber(std::string_view text)
{
    text = trim(text);
    if (!text.empty() && text.front() == '+') // from_chars refuses a leading '+'
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

fs::path resolvePath(const fs::path& base, std::string_view text)
{
    if (!text.empty() && text.front() == '/') {
        fs::path path {std::string(text)};
        return path.lexically_normal();
    }
    std::string joined;
    joined.reserve(base.native().size() + 1 + text.size());
    joined += base.native();
    if (!joined.empty() && joined.back() != '/')
        joined += '/';
    joined += text;
    // Normalising is the slow part; most manifests hold plain "dir/file.wav" paths.
    const bool plain
        = joined.find("//") == std::string::npos && joined.find("/.") == std::string::npos && joined.back() != '/';
    fs::path path {std::move(joined)};
    return plain ? path : path.lexically_normal();
}

std::string formatNumber(double value)
{
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

bool LineCursor::next(std::string_view& line)
{
    if (m_at >= m_text.size())
        return false;
    auto end = m_text.find('\n', m_at);
    if (end == std::string_view::npos)
        end = m_text.size();
    line = m_text.substr(m_at, end - m_at);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    m_at = end + 1;
    ++m_number;
    return true;
}

LineReader::LineReader(const fs::path& path, const ImportLimits& limits)
    : m_path(path)
    , m_limits(limits)
    , m_in(path, std::ios::binary)
{
}

bool LineReader::next(std::string& line, bool& tooLong)
{
    using Traits = std::char_traits<char>;
    line.clear();
    tooLong = false;
    if (m_error || !m_in)
        return false;
    std::streambuf* in = m_in.rdbuf();
    if (Traits::eq_int_type(in->sgetc(), Traits::eof()))
        return false;
    if (m_number >= m_limits.maxLinesPerFile) {
        m_error = linesLimitError(m_path, m_limits);
        return false;
    }
    // Byte by byte from the stream's buffer; what passes the line limit is counted, not kept.
    for (;;) {
        const auto c = in->sbumpc();
        if (Traits::eq_int_type(c, Traits::eof()))
            break;
        if (++m_bytes > m_limits.maxManifestBytes) {
            m_error = bytesLimitError(
                m_path, "more than " + std::to_string(m_limits.maxManifestBytes), m_limits.maxManifestBytes);
            return false;
        }
        if (c == '\n')
            break;
        if (tooLong)
            continue;
        if (line.size() >= m_limits.maxLineBytes) {
            tooLong = true; // the line's first maxLineBytes are kept
            continue;
        }
        line.push_back(Traits::to_char_type(c));
    }
    ++m_number;
    if (m_number == 1 && std::string_view(line).substr(0, kBom.size()) == kBom)
        line.erase(0, kBom.size());
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

ReportBuilder::ReportBuilder(Format format, fs::path source, const ImportOptions& options)
    : m_progress(options.progress)
    , m_cancel(options.cancel)
    , m_requireAudio(options.requireAudioFiles)
    , m_limits(options.limits)
{
    m_report.format = format;
    m_report.source = std::move(source);
}

void ReportBuilder::skip(const fs::path& file, std::int64_t line, std::string reason)
{
    // Reasons quote ids, paths and fields as they were read: escaped once, here.
    m_report.skipped.push_back({text::displayPath(file), line, text::escapeBytes(reason)});
    tick();
}

void ReportBuilder::countEscaped(const std::string& field, const fs::path& file, std::int64_t line)
{
    auto it = std::find_if(m_escaped.begin(), m_escaped.end(), [&](const auto& e) { return e.first == field; });
    if (it == m_escaped.end()) {
        const std::string where = text::displayPath(file) + (line > 0 ? ":" + std::to_string(line) : std::string());
        it = m_escaped.insert(m_escaped.end(), {field, Escaped {0, where}});
    }
    ++it->second.count;
}

bool ReportBuilder::withinLineLimit(size_t bytes, bool tooLong, const fs::path& file, std::int64_t line)
{
    if (!tooLong && bytes <= m_limits.maxLineBytes)
        return true;
    skip(file, line,
        "the line is " + (tooLong ? "longer than " + std::to_string(m_limits.maxLineBytes) : std::to_string(bytes))
            + " bytes; the limit is " + std::to_string(m_limits.maxLineBytes)
            + " bytes per line (ImportLimits::maxLineBytes). Is this the right file? Move long values out of "
              "the manifest.");
    return false;
}

std::optional<Error> ReportBuilder::lineCountError(const fs::path& file, std::int64_t line) const
{
    if (line <= m_limits.maxLinesPerFile)
        return std::nullopt;
    return linesLimitError(file, m_limits);
}

bool ReportBuilder::add(Utterance utterance, const fs::path& file, std::int64_t line)
{
    const std::string& reference = utterance.reference;
    if (reference.size() > m_limits.maxReferenceBytes) {
        skip(file, line,
            "the reference text is " + std::to_string(reference.size()) + " bytes long; the limit is "
                + std::to_string(m_limits.maxReferenceBytes)
                + " bytes per reference (ImportLimits::maxReferenceBytes). Split the recording into "
                  "shorter utterances (segments) with a reference each.");
        return false;
    }
    if (const size_t bad = text::invalidUtf8Offset(reference); bad != text::kValidUtf8) {
        skip(file, line,
            "the reference text is not valid UTF-8 (" + text::describeInvalidUtf8(reference, bad)
                + " of the text); convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
        return false;
    }
    const auto escape = [&](std::string& value, const std::string& field) {
        std::string escaped = text::escapeBytes(value);
        if (escaped != value) {
            value = std::move(escaped);
            countEscaped(field, file, line);
        }
    };
    escape(utterance.id, "id");
    escape(utterance.speaker, "speaker");
    for (auto& [key, value] : utterance.extra) {
        escape(key, "field names");
        escape(value, "field '" + key + "'");
    }
    if (!text::isValidUtf8(utterance.audio.native()))
        countEscaped("audio path", file, line);
    m_report.utterances.push_back(std::move(utterance));
    tick();
    return true;
}

void ReportBuilder::reserve(size_t count)
{
    count = std::min(count, size_t(1) << 20); // a hint from a newline count, not a promise
    m_report.utterances.reserve(count);
    m_ids.reserve(count);
    m_keys.reserve(count);
}

ReportBuilder::Origin ReportBuilder::origin(const fs::path& file, std::int64_t line)
{
    // Lines arrive file by file, so the last file is almost always the one asked for.
    if (m_files.empty() || m_files.back() != file.native())
        m_files.push_back(file.native());
    return {int(m_files.size() - 1), line};
}

std::string ReportBuilder::duplicateReason(const IdEntry& first, const fs::path& file) const
{
    const std::string& firstFile = m_files[size_t(first.second.file)];
    std::string reason = "duplicate id " + first.first;
    if (first.second.line <= 0)
        return reason + " (first from " + firstFile + ")";
    reason += " (first on line " + std::to_string(first.second.line);
    if (firstFile != file.native())
        reason += " of " + firstFile;
    return reason + ")";
}

bool ReportBuilder::claimId(const std::string& id, const fs::path& file, std::int64_t line)
{
    auto [it, inserted] = m_ids.try_emplace(id);
    if (!inserted) {
        skip(file, line, duplicateReason(*it, file));
        return false;
    }
    it->second = origin(file, line);
    return true;
}

std::optional<std::string> ReportBuilder::deriveId(
    const std::string& stem, const std::string& key, const fs::path& file, std::int64_t line)
{
    auto [keyIt, newKey] = m_keys.try_emplace(key, nullptr);
    if (!newKey) {
        skip(file, line, duplicateReason(*keyIt->second, file));
        return std::nullopt;
    }
    std::string id = stem;
    if (m_ids.count(id)) {
        // A per-stem counter keeps thousands of segments of one recording linear, not quadratic.
        int& next = m_nextSuffix.try_emplace(stem, 2).first->second;
        do
            id = stem + "_" + std::to_string(next++);
        while (m_ids.count(id));
        ++m_suffixed;
    }
    const auto idIt = m_ids.emplace(id, origin(file, line)).first;
    keyIt->second = &*idIt;
    return id;
}

bool ReportBuilder::audioExists(const fs::path& audio, const fs::path& file, std::int64_t line)
{
    if (!m_requireAudio)
        return true;
    const std::string& name = audio.native();
    if (name != m_lastAudio) {
        std::error_code error;
        m_lastAudioExists = fs::is_regular_file(audio, error);
        m_lastAudio = name;
    }
    if (!m_lastAudioExists)
        skip(file, line, "audio file not found: " + name);
    return m_lastAudioExists;
}

ImportReport ReportBuilder::finish()
{
    if (m_progress)
        m_progress(m_lines);
    if (m_suffixed > 0)
        note(std::to_string(m_suffixed)
            + " utterance id(s) made from file names were made unique with a suffix "
              "(_2, _3, ...) because several utterances share a file stem");
    if (!m_requireAudio)
        note("audio files were not checked (requireAudioFiles is off)");
    for (const auto& [field, escaped] : m_escaped)
        note(std::to_string(escaped.count) + " utterance(s) have bytes that are not UTF-8 in "
            + (field == "audio path" ? "the audio path (kept as they are, so the file opens; shown escaped)"
                                     : field + " (kept, each such byte written \\xNN and a backslash as \\\\)")
            + "; the first on " + escaped.first);
    log::get("dataset")->info("{}: {} utterances as {}, {} skipped, {} notes", text::displayPath(m_report.source),
        m_report.utterances.size(), formatName(m_report.format), m_report.skipped.size(), m_report.notes.size());
    return std::move(m_report);
}

} // namespace vox::dataset::detail
