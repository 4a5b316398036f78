#pragma once
#include "core/dataset/dataset_import.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Pieces every importer shares: reading text files, lines, numbers, paths, and the report
// builder that keeps ids unique and checks audio files. Internal to core/dataset/.
namespace vox::dataset::detail {

namespace fs = std::filesystem;

// The whole file, without a leading UTF-8 byte order mark; an error naming the limit when the
// file is larger than `maxBytes` (ImportLimits::maxManifestBytes).
Expected<std::string> readTextFile(const fs::path& path, std::uint64_t maxBytes = ImportLimits().maxManifestBytes);
// The first non-blank line of a file (for sniffing), without BOM or line ending.
Expected<std::string> readFirstLine(const fs::path& path);

std::string_view trim(std::string_view text);
bool isBlank(std::string_view text);
std::string lowerAscii(std::string_view text);
// Splits "first rest..." at the first run of spaces or tabs; `rest` is trimmed.
void splitFirstWord(std::string_view line, std::string_view& first, std::string_view& rest);
// A finite decimal number and nothing else (surrounding blanks allowed).
std::optional<double> parseNumber(std::string_view text);
// Absolute and lexically normal; relative paths are taken relative to `base`.
fs::path resolvePath(const fs::path& base, std::string_view text);
// Number formatting for keys and messages: shortest form that round-trips.
std::string formatNumber(double value);

// Lines of a text in memory; accepts "\n" and "\r\n" endings.
class LineCursor {
public:
    explicit LineCursor(std::string_view text)
        : m_text(text)
    {
    }
    bool next(std::string_view& line);
    std::int64_t number() const { return m_number; } // 1-based number of the line last returned

private:
    std::string_view m_text;
    size_t m_at = 0;
    std::int64_t m_number = 0;
};

// Lines of a file read as a stream (a buffer of a line at a time, not the whole file), with
// the per-line and per-file limits: a line longer than maxLineBytes comes back cut to that
// length with `tooLong` set (the rest of it is read past, not kept); a file past maxManifestBytes or
// maxLinesPerFile ends with error() set. Accepts "\n" and "\r\n"; drops a leading BOM.
class LineReader {
public:
    LineReader(const fs::path& path, const ImportLimits& limits);
    bool next(std::string& line, bool& tooLong);
    std::int64_t number() const { return m_number; }
    // Non-empty after next() returned false because of a read error or a per-file limit.
    const std::optional<Error>& error() const { return m_error; }
    bool opened() const { return bool(m_in); }

private:
    fs::path m_path;
    ImportLimits m_limits;
    std::ifstream m_in;
    std::uint64_t m_bytes = 0;
    std::int64_t m_number = 0;
    std::optional<Error> m_error;
};

// Thrown from inside an importer when ImportOptions::cancel is set; importDataset turns it into
// an error. (Importers are loops over lines and files; unwinding is the one exit they share.)
struct ImportCancelled {};

// Collects utterances, skips and notes into an ImportReport while keeping ids unique.
class ReportBuilder {
public:
    ReportBuilder(Format format, fs::path source, const ImportOptions& options);

    void skip(const fs::path& file, std::int64_t line, std::string reason);
    void note(std::string text) { m_report.notes.push_back(std::move(text)); }

    // False (and a skip naming ImportLimits::maxLineBytes) when a line or record of `bytes`
    // bytes is over the limit; `bytes` 0 with `tooLong` set: a streamed line cut short.
    bool withinLineLimit(size_t bytes, bool tooLong, const fs::path& file, std::int64_t line);
    // An error naming ImportLimits::maxLinesPerFile once `line` is past it.
    std::optional<Error> lineCountError(const fs::path& file, std::int64_t line) const;

    // An id the manifest states: false (and a skip) when it was seen before.
    bool claimId(const std::string& id, const fs::path& file, std::int64_t line);
    // An id made from a file stem. `key` identifies the utterance (audio path and time span):
    // the same key again is a duplicate (nullopt and a skip); another utterance with the same
    // stem gets the first free "stem_N", N >= 2.
    std::optional<std::string> deriveId(
        const std::string& stem, const std::string& key, const fs::path& file, std::int64_t line);
    // True when audio is not checked or the file exists; otherwise records a skip.
    bool audioExists(const fs::path& audio, const fs::path& file, std::int64_t line);

    // Keeps the utterance unless its reference is too long or not UTF-8 (then a skip); makes its
    // id, speaker and extra fields valid UTF-8 (text::escapeBytes) and counts what it escaped.
    bool add(Utterance utterance, const fs::path& file, std::int64_t line);
    // Room for about `count` utterances, to spare rehashing on large manifests.
    void reserve(size_t count);
    size_t utteranceCount() const { return m_report.utterances.size(); }
    bool checksAudio() const { return m_requireAudio; }

    ImportReport finish();

private:
    void tick()
    {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            throw ImportCancelled{};
        if (m_progress && ++m_lines % 256 == 0)
            m_progress(m_lines);
    }

    std::function<void(size_t)> m_progress;
    const std::atomic<bool>* m_cancel = nullptr;
    size_t m_lines = 0;
    struct Origin {
        int file = 0; // index into m_files
        std::int64_t line = 0;
    };
    using IdEntry = std::pair<const std::string, Origin>;
    Origin origin(const fs::path& file, std::int64_t line);
    std::string duplicateReason(const IdEntry& first, const fs::path& file) const;

    ImportReport m_report;
    bool m_requireAudio = true;
    std::vector<std::string> m_files;
    std::unordered_map<std::string, Origin> m_ids;
    std::unordered_map<std::string, const IdEntry*> m_keys; // nodes of m_ids do not move

    std::unordered_map<std::string, int> m_nextSuffix;
    size_t m_suffixed = 0;
    // Fields that were not UTF-8 and were escaped: count and first place, by field name.
    struct Escaped {
        size_t count = 0;
        std::string first; // "file:line"
    };
    std::vector<std::pair<std::string, Escaped>> m_escaped;
    void countEscaped(const std::string& field, const fs::path& file, std::int64_t line);
    ImportLimits m_limits;

    std::string m_lastAudio; // consecutive lines often name the same recording
    bool m_lastAudioExists = false;
};

} // namespace vox::dataset::detail
