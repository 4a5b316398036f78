#pragma once
#include "core/util/expected.h"

#include <filesystem>
#include <string>
#include <vector>

// Transcript files as scoring tools exchange them:
//   trn    "words of the utterance (utterance-id)"   (sclite's transcript format)
//   kaldi  "utterance-id words of the utterance"     (Kaldi's data/text)
// Encoding: UTF-8. Blank lines are skipped; every other line that cannot be read is reported
// with its line number, and the rest of the file is still read.
namespace vox::scoring {

enum class TranscriptFormat { Auto, Trn, Kaldi };

struct TranscriptLine {
    std::string id;
    std::string text;
    int line = 0;
};

struct TranscriptProblem {
    int line = 0;
    std::string reason;
};

struct TranscriptFile {
    std::filesystem::path path;
    TranscriptFormat format = TranscriptFormat::Auto; // what was read (never Auto)
    std::vector<TranscriptLine> lines;
    std::vector<TranscriptProblem> problems;
};

// Auto: ".trn" files and files whose first non-blank line ends in "(id)" are trn; otherwise Kaldi.
Expected<TranscriptFile> readTranscripts(const std::filesystem::path& path,
                                         TranscriptFormat format = TranscriptFormat::Auto);
// Same, from text in memory (for tests and stdin).
TranscriptFile parseTranscripts(const std::string& content, TranscriptFormat format);

Expected<TranscriptFormat> parseTranscriptFormat(const std::string& name); // "auto", "trn", "kaldi"
const char* transcriptFormatName(TranscriptFormat format);

} // namespace vox::scoring
