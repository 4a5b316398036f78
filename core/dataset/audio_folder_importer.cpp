// AudioFolder: a directory tree of audio files, each with a transcript of the same stem beside
// it ("a/b.wav" + "a/b.txt" or "a/b.lab", as Montreal Forced Aligner corpora are laid out).
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/text/byte_text.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace vox::dataset::detail {

namespace {

struct AudioEntry {
    fs::path path;
    std::string id; // relative path without extension, '/' separated
};

// A transcript file as one line: lines joined by a space, blanks trimmed.
std::string joinLines(std::string_view text)
{
    std::string out;
    LineCursor lines(text);
    std::string_view line;
    while (lines.next(line)) {
        line = trim(line);
        if (line.empty())
            continue;
        if (!out.empty())
            out += ' ';
        out += line;
    }
    return out;
}

} // namespace

bool isAudioExtension(const fs::path& extension)
{
    static constexpr std::array<std::string_view, 8> kAudio {
        ".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".webm", ".aac"};
    const std::string lower = lowerAscii(text::displayPath(extension));
    return std::find(kAudio.begin(), kAudio.end(), lower) != kAudio.end();
}

Expected<ImportReport> importAudioFolder(const fs::path& dir, const ImportOptions& options)
{
    ReportBuilder builder(Format::AudioFolder, dir, options);
    std::vector<AudioEntry> audio;
    std::unordered_map<std::string, fs::path> txt, lab; // by id

    std::error_code error;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
    if (error)
        return makeError("cannot list the directory: " + error.message(), text::displayPath(dir));
    size_t hidden = 0;
    for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
        const fs::path& path = it->path();
        std::error_code entryError; // an entry that cannot be inspected is passed over
        // Hidden entries include macOS "._name.wav" resource forks, which are not audio.
        if (path.filename().string().starts_with(".")) {
            if (it->is_directory(entryError))
                it.disable_recursion_pending();
            else
                ++hidden;
            continue;
        }
        if (!it->is_regular_file(entryError))
            continue;
        const std::string extension = lowerAscii(path.extension().string());
        std::string id = path.lexically_relative(dir).replace_extension().generic_string();
        if (isAudioExtension(extension))
            audio.push_back({path, std::move(id)});
        else if (extension == ".txt")
            txt.emplace(std::move(id), path);
        else if (extension == ".lab")
            lab.emplace(std::move(id), path);
    }
    if (error)
        return makeError("listing the directory failed: " + error.message(), text::displayPath(dir));
    // Directory order is arbitrary; a stable order makes reports and ids reproducible.
    std::sort(audio.begin(), audio.end(),
        [](const AudioEntry& a, const AudioEntry& b) { return a.id != b.id ? a.id < b.id : a.path < b.path; });

    const auto sidecarOf = [&](const std::string& id) -> const fs::path* {
        if (auto found = txt.find(id); found != txt.end())
            return &found->second;
        if (auto found = lab.find(id); found != lab.end())
            return &found->second;
        return nullptr;
    };
    const bool anySidecar = std::any_of(
        audio.begin(), audio.end(), [&](const AudioEntry& entry) { return sidecarOf(entry.id) != nullptr; });

    size_t withBoth = 0;
    for (const auto& entry : audio) {
        const fs::path* sidecar = sidecarOf(entry.id);
        if (!sidecar && anySidecar) {
            builder.skip(entry.path, 0, "no transcript (.txt/.lab)");
            continue;
        }
        if (!builder.claimId(entry.id, entry.path, 0)) // "a.wav" and "a.flac" side by side
            continue;
        Utterance utterance;
        utterance.id = entry.id;
        utterance.audio = entry.path.lexically_normal();
        if (sidecar) {
            auto text = readTextFile(*sidecar);
            if (!text) {
                builder.skip(*sidecar, 0, "cannot read the transcript: " + text.error().message);
                continue;
            }
            utterance.reference = joinLines(*text);
            withBoth += txt.count(entry.id) && lab.count(entry.id);
        }
        builder.add(std::move(utterance), entry.path, 0);
    }

    if (audio.empty())
        builder.note("no audio files (wav, flac, mp3, ogg, opus, m4a, webm, aac) were found");
    else if (!anySidecar)
        builder.note("none of the " + std::to_string(audio.size())
            + " audio files has a transcript (.txt/.lab) beside it: all were imported with empty "
              "references");
    if (withBoth > 0)
        builder.note(std::to_string(withBoth)
            + " audio file(s) have both a .txt and a .lab transcript; the .txt "
              "was used");
    std::unordered_set<std::string_view> audioIds;
    for (const auto& entry : audio)
        audioIds.insert(entry.id);
    size_t orphans = 0;
    for (const auto* sidecars : {&txt, &lab})
        for (const auto& [id, path] : *sidecars)
            orphans += !audioIds.count(id);
    if (orphans > 0)
        builder.note(std::to_string(orphans) + " .txt/.lab file(s) have no audio file of the same name");
    if (hidden > 0)
        builder.note(std::to_string(hidden) + " hidden file(s) (names starting with '.') were ignored");
    return builder.finish();
}

} // namespace vox::dataset::detail
