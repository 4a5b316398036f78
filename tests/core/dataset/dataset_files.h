#pragma once
// Helpers for the dataset importer tests: write data sets in their real layouts into a
// temporary directory, and read reports back in Qt Test friendly types.
#include "core/dataset/dataset_import.h"

#include <QString>
#include <QStringList>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>

namespace vox::dataset::test {

namespace fs = std::filesystem;

// Writes `content` byte for byte (no newline translation), creating parent folders.
inline void writeFile(const fs::path& file, std::string_view content)
{
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), std::streamsize(content.size()));
}

// Stand-in audio: a few bytes that are not audio at all. The importers never decode audio,
// they only check that the file exists, so a stand-in is all these tests need.
inline void standInAudio(const fs::path& file)
{
    writeFile(file, "stand-in, not audio");
}

inline QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

inline QString qs(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

inline QStringList ids(const ImportReport& report)
{
    QStringList out;
    for (const auto& utterance : report.utterances)
        out << qs(utterance.id);
    return out;
}

// "LINE: REASON" for each skipped entry, in report order.
inline QStringList skippedLines(const ImportReport& report)
{
    QStringList out;
    for (const auto& skipped : report.skipped)
        out << QString::number(skipped.line) + ": " + qs(skipped.reason);
    return out;
}

inline const Utterance* findUtterance(const ImportReport& report, const std::string& id)
{
    for (const auto& utterance : report.utterances)
        if (utterance.id == id)
            return &utterance;
    return nullptr;
}

// "key=value" for each extra field, in order.
inline QStringList extras(const Utterance& utterance)
{
    QStringList out;
    for (const auto& [key, value] : utterance.extra)
        out << qs(key) + "=" + qs(value);
    return out;
}

inline bool anyNoteContains(const ImportReport& report, const std::string& part)
{
    for (const auto& note : report.notes)
        if (note.find(part) != std::string::npos)
            return true;
    return false;
}

// ImportOptions without brace initialisation (which -Wextra flags for omitted members).
inline ImportOptions optionsFor(Format format, TableColumns columns = {}, bool requireAudioFiles = true)
{
    ImportOptions options;
    options.format = format;
    options.columns = std::move(columns);
    options.requireAudioFiles = requireAudioFiles;
    return options;
}

// For QVERIFY2: true when the import worked, else prints the error.
inline bool succeeded(const Expected<ImportReport>& result)
{
    if (!result.ok())
        qWarning("import failed: %s", result.error().describe().c_str());
    return result.ok();
}

} // namespace vox::dataset::test
