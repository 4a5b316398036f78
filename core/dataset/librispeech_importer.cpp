// LibriSpeech: SPEAKER/CHAPTER/SPEAKER-CHAPTER.trans.txt, one "UTTID WORDS..." line per
// utterance, with UTTID.flac in the same directory. Any depth is accepted, so both the corpus
// root and one split (e.g. dev-clean) import.
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"

#include <algorithm>
#include <unordered_set>

namespace vox::dataset::detail {

namespace {

struct Listing {
    std::vector<fs::path> transcripts;
    std::unordered_set<std::string> audio; // every audio file in the tree, to report unlisted ones
};

Expected<Listing> listTree(const fs::path& dir)
{
    Listing listing;
    std::error_code error;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
    for (const fs::recursive_directory_iterator end; !error && it != end; it.increment(error)) {
        const fs::path& path = it->path();
        const std::string name = path.filename().string();
        std::error_code entryError;
        if (name.starts_with(".")) {
            if (it->is_directory(entryError))
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(entryError))
            continue;
        if (name.size() > 10 && name.ends_with(".trans.txt"))
            listing.transcripts.push_back(path);
        else if (isAudioExtension(path.extension()))
            listing.audio.insert(path.lexically_normal().string());
    }
    if (error)
        return makeError("listing the directory failed: " + error.message(), dir.string());
    std::sort(listing.transcripts.begin(), listing.transcripts.end());
    return listing;
}

} // namespace

Expected<ImportReport> importLibriSpeech(const fs::path& dir, const ImportOptions& options)
{
    auto listing = listTree(dir);
    if (!listing)
        return listing.error();
    ReportBuilder builder(Format::LibriSpeech, dir, options);
    if (listing->transcripts.empty())
        builder.note("no *.trans.txt file was found below the directory");

    size_t wavInstead = 0;
    for (const auto& transcript : listing->transcripts) {
        auto text = readTextFile(transcript);
        if (!text) {
            builder.skip(transcript, 0, text.error().message);
            continue;
        }
        const fs::path folder = transcript.parent_path();
        LineCursor lines(*text);
        std::string_view line;
        while (lines.next(line)) {
            if (isBlank(line))
                continue;
            std::string_view id, words;
            splitFirstWord(line, id, words);
            Utterance utterance;
            utterance.id = std::string(id);
            if (!builder.claimId(utterance.id, transcript, lines.number()))
                continue;
            utterance.audio = folder / (utterance.id + ".flac");
            // Some redistributions convert the FLAC files to WAV and keep the transcripts.
            if (builder.checksAudio() && !listing->audio.count(utterance.audio.string())) {
                fs::path wav = folder / (utterance.id + ".wav");
                if (listing->audio.count(wav.string())) {
                    utterance.audio = std::move(wav);
                    ++wavInstead;
                }
            }
            if (!builder.audioExists(utterance.audio, transcript, lines.number()))
                continue;
            utterance.reference = std::string(words);
            // SPEAKER-CHAPTER-NNNN
            const auto dash = id.find('-');
            if (dash != std::string_view::npos) {
                utterance.speaker = std::string(id.substr(0, dash));
                const auto chapterEnd = id.find('-', dash + 1);
                if (chapterEnd != std::string_view::npos)
                    utterance.extra.emplace_back("chapter", std::string(id.substr(dash + 1, chapterEnd - dash - 1)));
            }
            listing->audio.erase(utterance.audio.string());
            builder.add(std::move(utterance), transcript, lines.number());
        }
    }
    if (wavInstead > 0)
        builder.note(std::to_string(wavInstead) + " utterance(s) use a .wav file because no .flac was found");
    if (builder.checksAudio() && !listing->audio.empty())
        builder.note(std::to_string(listing->audio.size())
            + " audio file(s) in the tree are not listed in any .trans.txt and were not imported");
    return builder.finish();
}

} // namespace vox::dataset::detail
