// LabelFolders: a keyword-spotting data set laid out as Google Speech Commands is, one folder per
// label holding its clips ("yes/0a7c2a8d_nohash_0.wav"). The label is the top folder's name and
// becomes the clip's reference; `_background_noise_` (long noise recordings, no labelled clips)
// is left out with a note. testing_list.txt and validation_list.txt, when present, name the
// clips of those splits (paths relative to the folder); the training split is every other clip.
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/text/byte_text.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace vox::dataset::detail {

namespace {

constexpr const char* kBackgroundNoise = "_background_noise_";

struct SplitList {
    explicit SplitList(const char* name) : file(name) {}
    const char* file;
    bool present = false;
    std::unordered_set<std::string> paths; // generic, lexically normal
    size_t matched = 0;
};

Expected<Done> readList(const fs::path& dir, SplitList& list)
{
    const fs::path path = dir / list.file;
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        return Done{};
    auto text = readTextFile(path);
    if (!text)
        return text.error();
    list.present = true;
    LineCursor lines(*text);
    std::string_view line;
    while (lines.next(line)) {
        line = trim(line);
        if (!line.empty())
            list.paths.insert(fs::path(std::string(line)).lexically_normal().generic_string());
    }
    return Done{};
}

struct Clip {
    fs::path path;
    std::string relative; // "label/file.wav"
    std::string label;
};

// Speech Commands names a clip SPEAKER_nohash_N: the hash identifies the speaker.
std::string speakerOf(const std::string& stem)
{
    const auto at = stem.find("_nohash_");
    return at == std::string::npos ? std::string() : stem.substr(0, at);
}

size_t countAudio(const fs::path& dir)
{
    size_t n = 0;
    std::error_code error;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
        std::error_code fileError;
        n += it->is_regular_file(fileError) && isAudioExtension(it->path().extension());
    }
    return n;
}

} // namespace

Expected<ImportReport> importLabelFolders(const fs::path& dir, const ImportOptions& options)
{
    SplitList testing{"testing_list.txt"}, validation{"validation_list.txt"};
    for (SplitList* list : {&testing, &validation})
        if (auto read = readList(dir, *list); !read)
            return read.error();
    const LabelSplit wanted = options.split;
    if (wanted == LabelSplit::Testing && !testing.present)
        return makeError("the split 'testing' needs a testing_list.txt in the folder", text::displayPath(dir));
    if (wanted == LabelSplit::Validation && !validation.present)
        return makeError("the split 'validation' needs a validation_list.txt in the folder", text::displayPath(dir));
    if (wanted == LabelSplit::Training && !testing.present && !validation.present)
        return makeError("the split 'training' (clips in neither list) needs testing_list.txt or "
                         "validation_list.txt in the folder",
            text::displayPath(dir));

    ReportBuilder builder(Format::LabelFolders, dir, options);
    std::vector<Clip> clips;
    size_t noiseFiles = 0, hidden = 0;
    bool noiseFolder = false;
    std::error_code error;
    fs::directory_iterator top(dir, fs::directory_options::skip_permission_denied, error);
    if (error)
        return makeError("cannot list the directory: " + error.message(), text::displayPath(dir));
    for (const fs::directory_iterator end; top != end; top.increment(error)) {
        const fs::path& path = top->path();
        const std::string name = path.filename().string();
        std::error_code entryError;
        if (name.starts_with(".")) {
            ++hidden;
            continue;
        }
        if (!top->is_directory(entryError)) {
            if (top->is_regular_file(entryError) && isAudioExtension(path.extension()))
                builder.skip(path, 0, "an audio file outside the label folders (its label is unknown)");
            continue;
        }
        if (name == kBackgroundNoise) {
            noiseFolder = true;
            noiseFiles = countAudio(path);
            continue;
        }
        fs::recursive_directory_iterator inside(path, fs::directory_options::skip_permission_denied, entryError);
        for (const fs::recursive_directory_iterator last; !entryError && inside != last; inside.increment(entryError)) {
            std::error_code fileError;
            const fs::path& file = inside->path();
            if (file.filename().string().starts_with(".")) {
                if (inside->is_directory(fileError))
                    inside.disable_recursion_pending();
                else
                    ++hidden;
                continue;
            }
            if (inside->is_regular_file(fileError) && isAudioExtension(file.extension()))
                clips.push_back({file, file.lexically_relative(dir).generic_string(), name});
        }
        if (entryError)
            builder.skip(path, 0, "cannot list the label folder: " + entryError.message());
    }
    if (error)
        return makeError("listing the directory failed: " + error.message(), text::displayPath(dir));
    std::sort(clips.begin(), clips.end(), [](const Clip& a, const Clip& b) { return a.relative < b.relative; });

    const bool hasLists = testing.present || validation.present;
    std::map<std::string, int> perLabel;
    size_t leftOut = 0;
    for (const auto& clip : clips) {
        LabelSplit split = LabelSplit::Training;
        if (testing.paths.count(clip.relative))
            split = LabelSplit::Testing, ++testing.matched;
        else if (validation.paths.count(clip.relative))
            split = LabelSplit::Validation, ++validation.matched;
        if (wanted != LabelSplit::All && split != wanted) {
            ++leftOut;
            continue;
        }
        std::string id = fs::path(clip.relative).replace_extension().generic_string();
        if (!builder.claimId(id, clip.path, 0)) // "a.wav" and "a.flac" side by side
            continue;
        Utterance u;
        u.id = std::move(id);
        u.audio = clip.path.lexically_normal();
        u.reference = clip.label;
        u.speaker = speakerOf(clip.path.stem().string());
        if (hasLists)
            u.extra.emplace_back("split", splitName(split));
        ++perLabel[clip.label];
        builder.add(std::move(u), clip.path, 0);
    }

    if (clips.empty())
        builder.note("no audio files were found in label folders");
    if (!perLabel.empty()) {
        std::string labels;
        for (const auto& [label, n] : perLabel)
            labels += (labels.empty() ? "" : ", ") + label + " " + std::to_string(n);
        builder.note(std::to_string(perLabel.size()) + " labels (each folder's name is its clips' reference): "
                     + labels);
    }
    if (noiseFolder)
        builder.note(std::string(kBackgroundNoise) + " (" + std::to_string(noiseFiles)
                     + " audio files) was left out: it holds long noise recordings, not labelled clips");
    if (hasLists) {
        builder.note(std::string("split ") + splitName(wanted) + ": testing_list.txt "
                     + (testing.present ? "names " + std::to_string(testing.paths.size()) + " clips" : "is absent")
                     + ", validation_list.txt "
                     + (validation.present ? "names " + std::to_string(validation.paths.size()) + " clips" : "is absent")
                     + "; training is every other clip"
                     + (leftOut ? "; " + std::to_string(leftOut) + " clips of other splits were left out" : ""));
        for (const SplitList* list : {&testing, &validation})
            if (list->present && list->matched < list->paths.size())
                builder.note(std::to_string(list->paths.size() - list->matched) + " entries of " + list->file
                             + " name no audio file in a label folder");
    }
    if (hidden > 0)
        builder.note(std::to_string(hidden) + " hidden file(s) (names starting with '.') were ignored");
    return builder.finish();
}

} // namespace vox::dataset::detail
