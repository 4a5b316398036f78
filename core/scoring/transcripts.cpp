#include "core/scoring/transcripts.h"

#include "core/util/strings.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace vox::scoring {

namespace {

constexpr auto trim = trimAsciiSpace;

bool looksLikeTrn(std::string_view line)
{
    line = trim(line);
    return !line.empty() && line.back() == ')' && line.find('(') != std::string_view::npos;
}

} // namespace

TranscriptFile parseTranscripts(const std::string& content, TranscriptFormat format)
{
    TranscriptFile file;
    int number = 0;
    std::unordered_map<std::string, int> seen;
    const std::string_view all(content);

    for (size_t at = 0; at < all.size();) {
        size_t end = all.find('\n', at);
        if (end == std::string_view::npos)
            end = all.size();
        std::string_view line = trim(all.substr(at, end - at));
        at = end + 1;
        ++number;
        if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") // UTF-8 byte order mark
            line = trim(line.substr(3));
        if (line.empty())
            continue;
        if (format == TranscriptFormat::Auto)
            format = looksLikeTrn(line) ? TranscriptFormat::Trn : TranscriptFormat::Kaldi;

        TranscriptLine entry;
        entry.line = number;
        if (format == TranscriptFormat::Trn) {
            const auto open = line.rfind('(');
            if (line.back() != ')' || open == std::string_view::npos) {
                file.problems.push_back({number, "no utterance id: a trn line ends with \"(id)\""});
                continue;
            }
            entry.id = std::string(trim(line.substr(open + 1, line.size() - open - 2)));
            entry.text = std::string(trim(line.substr(0, open)));
        } else {
            const auto space = line.find_first_of(" \t");
            entry.id = std::string(line.substr(0, space));
            entry.text = space == std::string_view::npos ? std::string() : std::string(trim(line.substr(space)));
        }
        if (entry.id.empty()) {
            file.problems.push_back({number, "empty utterance id"});
            continue;
        }
        if (auto [it, inserted] = seen.emplace(entry.id, number); !inserted) {
            file.problems.push_back({number, "duplicate utterance id '" + entry.id + "' (first on line "
                                                 + std::to_string(it->second) + "); this line is ignored"});
            continue;
        }
        file.lines.push_back(std::move(entry));
    }
    file.format = format == TranscriptFormat::Auto ? TranscriptFormat::Kaldi : format;
    return file;
}

Expected<TranscriptFile> readTranscripts(const std::filesystem::path& path, TranscriptFormat format)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError(std::filesystem::exists(path, ec) ? "not a regular file" : "file not found", path.string());
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("cannot open for reading", path.string());
    std::string content;
    in.seekg(0, std::ios::end);
    content.resize(static_cast<size_t>(std::max<std::streamoff>(0, in.tellg())));
    in.seekg(0, std::ios::beg);
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (format == TranscriptFormat::Auto && path.extension() == ".trn")
        format = TranscriptFormat::Trn;
    TranscriptFile file = parseTranscripts(content, format);
    file.path = path;
    return file;
}

Expected<TranscriptFormat> parseTranscriptFormat(const std::string& name)
{
    if (name == "auto")
        return TranscriptFormat::Auto;
    if (name == "trn")
        return TranscriptFormat::Trn;
    if (name == "kaldi")
        return TranscriptFormat::Kaldi;
    return makeError("unknown transcript format '" + name + "'; use auto, trn or kaldi");
}

const char* transcriptFormatName(TranscriptFormat format)
{
    switch (format) {
    case TranscriptFormat::Trn: return "trn";
    case TranscriptFormat::Kaldi: return "kaldi";
    case TranscriptFormat::Auto: break;
    }
    return "auto";
}

} // namespace vox::scoring
