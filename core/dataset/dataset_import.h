#pragma once
#include "core/util/expected.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Dataset importers: read the manifest of a speech data set in one of the layouts people have
// and list its utterances (audio file, optional time span, reference text, speaker). Audio is
// never decoded here; importers only check that the files exist.
//
// Keyword-spotting data sets are stored the same way: each labelled clip is an utterance whose
// reference is its label (kws-clips, label-folders), and a stream with known keyword times is
// one utterance whose extra fields hold the keyword ("keyword") and the spans as a JSON string
// ("keyword_spans": [[start, end], ...] in seconds) (kws-stream).
//
// Shared behaviour, whatever the format:
//  - a line (or file) that cannot be used is listed in ImportReport::skipped with its line
//    number and a reason, and the rest is still imported;
//  - utterance ids are unique: an id the manifest states twice is skipped the second time
//    ("duplicate id X (first on line N)"); an id derived from a file name (NeMo, a table without
//    an id column) that collides with a *different* utterance gets a suffix "_2", "_3", ...;
//  - audio paths are absolute; relative paths resolve against the manifest's directory;
//  - UTF-8 byte order marks and CRLF line endings are accepted;
//  - text is bytes: a reference that is not valid UTF-8 is refused for its line (the reason
//    names the byte and its offset); ids, speakers and extra fields that are not UTF-8 are kept
//    with core/text/byte_text.h's reversible escape, audio paths as raw bytes (they must still
//    open the file); each kind is counted once in the notes, with the first example;
//  - ImportLimits bound what one line or file may hold; a line over a per-line limit is
//    skipped with a reason naming the limit, a file over a per-file limit fails the import.
namespace vox::dataset {

struct Utterance {
    std::string id;
    std::filesystem::path audio; // absolute, lexically normal (symbolic links are not resolved)
    double start = 0; // seconds
    double end = -1; // seconds; -1: to the end of the file
    std::string reference;
    std::string speaker;
    double duration = -1; // seconds when the manifest states a duration, else -1
    // Fields kept from the manifest (NeMo's other keys, Common Voice's age/gender/accents, a
    // table's other columns), in the order they were read.
    std::vector<std::pair<std::string, std::string>> extra;
};

struct Skipped {
    std::string file;
    std::int64_t line = 0; // 1-based; 0 when the problem is not tied to a line
    std::string reason;
};

enum class Format {
    Auto,
    AudioFolder,
    LibriSpeech,
    NemoManifest,
    KaldiDirectory,
    CommonVoice,
    Table,
    KwsClips,     // "voxbench-kws-clips" manifest (core/kws/demo_data.h)
    KwsStream,    // "voxbench-kws-stream" manifest
    LabelFolders, // one folder per label holding audio files (Google Speech Commands' layout)
};

// Which clips of a label-folders data set are imported, by its testing_list.txt and
// validation_list.txt (paths relative to the data set's folder, one per line, as Speech
// Commands has them): all (each clip's extra field "split" says which list holds it, when the
// lists exist), those of one list, or training (those in neither list).
enum class LabelSplit { All, Testing, Validation, Training };

// Which columns of a generic CSV/TSV hold what. An empty name means "no such column".
struct TableColumns {
    std::string audio = "path";
    std::string text = "text";
    std::string id; // empty: the audio file's stem
    std::string speaker;
    std::string start; // seconds
    std::string end; // seconds
    char delimiter = 0; // 0: by extension (".tsv"/".tab" tab, otherwise comma); ',' or '\t'
};

// What one manifest may hold. Past these, JSON nesting would overflow the stack when written
// back, ordered keys cost quadratic time, and a reference of megabytes makes a run's scoring
// take minutes and gigabytes. The defaults are far above any real data set.
struct ImportLimits {
    int maxNestingDepth = 64; // arrays/objects inside one another in a NeMo line
    size_t maxKeysPerLine = 1000; // object keys in a NeMo line, at every depth
    size_t maxLineBytes = size_t(1) << 20; // a manifest line (NeMo) or CSV/TSV record
    std::int64_t maxLinesPerFile = 50'000'000; // lines of one manifest
    std::uint64_t maxManifestBytes = std::uint64_t(4) << 30; // one manifest or transcript file
    size_t maxReferenceBytes = 65536; // one reference text (about an hour of speech)
};

struct ImportOptions {
    Format format = Format::Auto;
    TableColumns columns;
    bool requireAudioFiles = true; // false: do not look at the file system for audio (faster)
    LabelSplit split = LabelSplit::All; // label-folders only
    ImportLimits limits;
    // Called on the importing thread every few hundred lines read (utterances kept plus lines
    // skipped so far), and once at the end; for progress displays.
    std::function<void(size_t linesRead)> progress;
    // Set from another thread to stop the import: importDataset then returns an error saying
    // it was cancelled (checked at every line and every file).
    const std::atomic<bool>* cancel = nullptr;
};

struct ImportReport {
    Format format = Format::Auto; // the format that was read (never Auto)
    std::filesystem::path source; // absolute
    std::vector<Utterance> utterances;
    std::vector<Skipped> skipped;
    std::vector<std::string> notes; // things a person should know that are not errors
};

// Errors (as values): the path does not exist or cannot be read, the format cannot be told, the
// path is the wrong kind for the chosen format, or a table lacks a mapped column.
Expected<ImportReport> importDataset(const std::filesystem::path& path, const ImportOptions& options = {});

// What Format::Auto chooses for `path`:
//   directory with wav.scp                          KaldiDirectory
//   directory with testing_list.txt                 LabelFolders
//   directory with a *.trans.txt anywhere below     LibriSpeech
//   any other directory                             AudioFolder
//   .json whose "format" is voxbench-kws-clips      KwsClips
//   .json whose "format" is voxbench-kws-stream     KwsStream
//   other .json / .jsonl / .ndjson file             NemoManifest
//   .tsv whose header has client_id, path, sentence CommonVoice
//   other .tsv, .csv, .tab                          Table
//   another file whose first non-blank line is "{" NemoManifest
// importDataset() puts the reason into its notes when the choice was not clear-cut.
Expected<Format> detectFormat(const std::filesystem::path& path);

// "auto", "folder", "librispeech", "nemo", "kaldi", "commonvoice", "table", "kws-clips",
// "kws-stream", "label-folders" (what DatasetRecord::format holds)
const char* formatName(Format format);
Expected<Format> parseFormat(const std::string& name); // the names above, case-insensitive

// What a stored dataset holds, from its format name (store::DatasetRecord::format): speech
// (None), labelled keyword-spotting clips (kws-clips, label-folders) or streams with known
// keyword times (kws-stream). KWS datasets take KWS packages; speech datasets Whisper packages.
enum class KwsData { None, Clips, Stream };
KwsData kwsDataKind(std::string_view formatName);
inline bool isKwsFormat(std::string_view formatName) { return kwsDataKind(formatName) != KwsData::None; }

const char* splitName(LabelSplit split);                 // "all", "testing", "validation", "training"
Expected<LabelSplit> parseSplit(const std::string& name); // the names above, case-insensitive

} // namespace vox::dataset
