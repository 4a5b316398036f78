#include "core/dataset/dataset_import.h"

#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/kws/demo_data.h"
#include "core/log/log.h"
#include "core/text/byte_text.h"

#include <array>
#include <exception>
#include <optional>
#include <system_error>

namespace vox::dataset {

using namespace detail;

namespace {

struct FormatNameEntry {
    Format format;
    const char* name;
};

constexpr std::array<FormatNameEntry, 10> kFormatNames {{
    {Format::Auto, "auto"},
    {Format::AudioFolder, "folder"},
    {Format::LibriSpeech, "librispeech"},
    {Format::NemoManifest, "nemo"},
    {Format::KaldiDirectory, "kaldi"},
    {Format::CommonVoice, "commonvoice"},
    {Format::Table, "table"},
    {Format::KwsClips, "kws-clips"},
    {Format::KwsStream, "kws-stream"},
    {Format::LabelFolders, "label-folders"},
}};

constexpr std::array<const char*, 4> kSplitNames {"all", "testing", "validation", "training"};

// A JSON file's own "format" field says whether it is one of the KWS manifests.
std::optional<Format> kwsManifestFormat(const fs::path& path)
{
    switch (kws::demoFileKind(path)) {
    case kws::DemoFile::Clips:
        return Format::KwsClips;
    case kws::DemoFile::Stream:
        return Format::KwsStream;
    case kws::DemoFile::Other:
        break;
    }
    return std::nullopt;
}

bool hasTransTxt(const fs::path& dir)
{
    std::error_code error;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        std::error_code fileError;
        if (name.size() > 10 && name.ends_with(".trans.txt") && it->is_regular_file(fileError))
            return true;
    }
    return false;
}

bool isKaldiFileName(const std::string& name)
{
    return name == "wav.scp" || name == "text" || name == "segments" || name == "utt2spk" || name == "spk2utt";
}

// Auto detection with the reason for unclear choices added to `notes`.
Expected<Format> detect(const fs::path& path, std::vector<std::string>& notes)
{
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status))
        return makeError("no such file or directory", text::displayPath(path));

    if (fs::is_directory(status)) {
        if (fs::is_regular_file(path / "wav.scp", error)) {
            if (hasTransTxt(path))
                notes.push_back("the directory has wav.scp and *.trans.txt files; it was read as a Kaldi "
                                "directory (choose the format to read it otherwise)");
            return Format::KaldiDirectory;
        }
        if (fs::is_regular_file(path / "testing_list.txt", error))
            return Format::LabelFolders;
        if (hasTransTxt(path))
            return Format::LibriSpeech;
        return Format::AudioFolder;
    }

    const std::string name = path.filename().string();
    const std::string extension = lowerAscii(path.extension().string());
    if (isKaldiFileName(name) || name.ends_with(".trans.txt"))
        return makeError("this is one file of a Kaldi or LibriSpeech data set; import its directory instead",
            text::displayPath(path));
    if (isAudioExtension(path.extension()))
        return makeError(
            "a single audio file is not a data set; import the folder that holds it", text::displayPath(path));
    // Open the file even where the name decides, so that an unreadable file fails here.
    auto first = readFirstLine(path);
    if (!first)
        return first.error();
    if (extension == ".json") {
        if (auto kws = kwsManifestFormat(path))
            return *kws;
        return Format::NemoManifest;
    }
    if (extension == ".jsonl" || extension == ".ndjson")
        return Format::NemoManifest;
    if (extension == ".tsv") {
        bool client = false, clip = false, sentence = false;
        std::string_view header = *first;
        for (size_t at = 0; at <= header.size();) {
            auto tab = header.find('\t', at);
            if (tab == std::string_view::npos)
                tab = header.size();
            const auto column = trim(header.substr(at, tab - at));
            client = client || column == "client_id";
            clip = clip || column == "path";
            sentence = sentence || column == "sentence";
            at = tab + 1;
        }
        if (client && clip && sentence)
            return Format::CommonVoice;
        if (client || sentence)
            notes.push_back("the header lacks one of client_id, path, sentence, so it was read as a generic "
                            "table, not as Common Voice");
        return Format::Table;
    }
    if (extension == ".csv" || extension == ".tab")
        return Format::Table;
    if (trim(*first).starts_with("{")) {
        notes.push_back("the file's first line is a JSON object, so it was read as a NeMo manifest");
        return Format::NemoManifest;
    }
    return makeError("cannot tell the data set format from the name \"" + name
            + "\"; choose one (folder, librispeech, nemo, kaldi, commonvoice, table, kws-clips, kws-stream, "
              "label-folders)",
        text::displayPath(path));
}

Expected<ImportReport> importAs(Format format, const fs::path& path, const ImportOptions& options)
{
    std::error_code error;
    const bool directory = fs::is_directory(path, error);
    const bool wantsDirectory = format == Format::AudioFolder || format == Format::LibriSpeech
        || format == Format::KaldiDirectory || format == Format::LabelFolders;
    if (wantsDirectory && !directory)
        return makeError(std::string("the ") + formatName(format) + " format needs a directory, not a file",
            text::displayPath(path));
    if (!wantsDirectory && directory)
        return makeError(std::string("the ") + formatName(format) + " format needs a file, not a directory",
            text::displayPath(path));
    switch (format) {
    case Format::AudioFolder:
        return importAudioFolder(path, options);
    case Format::LibriSpeech:
        return importLibriSpeech(path, options);
    case Format::NemoManifest:
        return importNemoManifest(path, options);
    case Format::KaldiDirectory:
        return importKaldiDirectory(path, options);
    case Format::CommonVoice:
        return importCommonVoice(path, options);
    case Format::Table:
        return importTable(path, options);
    case Format::KwsClips:
        return importKwsClips(path, options);
    case Format::KwsStream:
        return importKwsStream(path, options);
    case Format::LabelFolders:
        return importLabelFolders(path, options);
    case Format::Auto:
        break;
    }
    return makeError("no format chosen", text::displayPath(path));
}

} // namespace

Expected<ImportReport> importDataset(const fs::path& path, const ImportOptions& options)
{
    std::error_code error;
    fs::path source = fs::absolute(path, error).lexically_normal();
    if (error)
        return makeError("cannot make the path absolute: " + error.message(), text::displayPath(path));
    if (!fs::exists(source, error))
        return makeError("no such file or directory", text::displayPath(source));

    std::vector<std::string> detectionNotes;
    Format format = options.format;
    if (format == Format::Auto) {
        auto detected = detect(source, detectionNotes);
        if (!detected)
            return detected.error();
        format = *detected;
        log::get("dataset")->debug("{}: detected format {}", source.string(), formatName(format));
    }
    // The importers use error codes, but allocation or a file system race can still throw.
    auto report = [&]() -> Expected<ImportReport> {
        try {
            return importAs(format, source, options);
        } catch (const detail::ImportCancelled&) {
            return makeError("the import was cancelled", text::displayPath(source));
        } catch (const std::exception& e) {
            return makeError(
                std::string("the import stopped: ") + text::escapeBytes(e.what()), text::displayPath(source));
        }
    }();
    if (report)
        report->notes.insert(report->notes.begin(), detectionNotes.begin(), detectionNotes.end());
    return report;
}

Expected<Format> detectFormat(const fs::path& path)
{
    std::error_code error;
    const fs::path source = fs::absolute(path, error).lexically_normal();
    if (error)
        return makeError("cannot make the path absolute: " + error.message(), text::displayPath(path));
    std::vector<std::string> notes;
    auto format = detect(source, notes);
    for (const auto& note : notes)
        log::get("dataset")->debug("{}: {}", source.string(), note);
    return format;
}

const char* formatName(Format format)
{
    for (const auto& entry : kFormatNames)
        if (entry.format == format)
            return entry.name;
    return "unknown";
}

Expected<Format> parseFormat(const std::string& name)
{
    const std::string wanted = lowerAscii(trim(name));
    for (const auto& entry : kFormatNames)
        if (wanted == entry.name)
            return entry.format;
    std::string known;
    for (const auto& entry : kFormatNames)
        known += (known.empty() ? "" : ", ") + std::string(entry.name);
    return makeError("unknown data set format \"" + name + "\"; known formats: " + known);
}

KwsData kwsDataKind(std::string_view name)
{
    if (name == formatName(Format::KwsClips) || name == formatName(Format::LabelFolders))
        return KwsData::Clips;
    if (name == formatName(Format::KwsStream))
        return KwsData::Stream;
    return KwsData::None;
}

const char* splitName(LabelSplit split)
{
    return kSplitNames[size_t(split)];
}

Expected<LabelSplit> parseSplit(const std::string& name)
{
    const std::string wanted = lowerAscii(trim(name));
    for (size_t i = 0; i < kSplitNames.size(); ++i)
        if (wanted == kSplitNames[i])
            return static_cast<LabelSplit>(i);
    return makeError("unknown split \"" + name + "\"; choose all, testing, validation or training");
}

} // namespace vox::dataset
