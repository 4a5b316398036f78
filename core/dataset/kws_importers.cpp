// KwsClips and KwsStream: the keyword-spotting manifests of core/kws/demo_data.h ("format":
// "voxbench-kws-clips" / "voxbench-kws-stream"), read with its readers and stored as speech
// data sets are: a clip is an utterance whose reference is its label; a stream is one utterance
// whose extra fields carry the keyword and the known keyword spans.
#include "core/dataset/import_common.h"
#include "core/dataset/importers.h"
#include "core/kws/demo_data.h"

#include <nlohmann/json.hpp>

#include <map>

namespace vox::dataset::detail {

namespace {

std::string labelCounts(const kws::ClipSet& set)
{
    std::map<std::string, int> count;
    for (const auto& clip : set.clips)
        ++count[clip.label];
    std::string out;
    for (const auto& label : set.labels)
        out += (out.empty() ? "" : ", ") + label + " " + std::to_string(count[label]);
    return out;
}

} // namespace

Expected<ImportReport> importKwsClips(const fs::path& file, const ImportOptions& options)
{
    auto set = kws::readClipSet(file);
    if (!set)
        return set.error();
    ReportBuilder builder(Format::KwsClips, file, options);
    builder.reserve(set->clips.size());
    for (const auto& clip : set->clips) {
        if (!builder.claimId(clip.id, file, 0))
            continue;
        const fs::path audio = clip.audio.lexically_normal();
        if (!builder.audioExists(audio, file, 0))
            continue;
        Utterance u;
        u.id = clip.id;
        u.audio = audio;
        u.reference = clip.label;
        u.speaker = clip.voice;
        u.duration = set->clipSeconds; // the manifest states one length for every clip
        if (!clip.condition.empty())
            u.extra.emplace_back("condition", clip.condition);
        if (!clip.text.empty())
            u.extra.emplace_back("text", clip.text);
        builder.add(std::move(u), file, 0);
    }
    builder.note("keyword '" + set->keyword + "'; clips per label: " + labelCounts(*set)
                 + "; each clip's label is its reference");
    return builder.finish();
}

Expected<ImportReport> importKwsStream(const fs::path& file, const ImportOptions& options)
{
    auto stream = kws::readKeywordStream(file);
    if (!stream)
        return stream.error();
    ReportBuilder builder(Format::KwsStream, file, options);
    const fs::path audio = stream->audio.lexically_normal();
    if (!builder.audioExists(audio, file, 0))
        return builder.finish();

    nlohmann::json spans = nlohmann::json::array();
    std::string spoken;
    for (const auto& event : stream->events) {
        if (event.keyword)
            spans.push_back({event.start, event.end});
        if (!event.text.empty())
            spoken += (spoken.empty() ? "" : " ") + event.text;
    }
    Utterance u;
    u.id = file.stem().string();
    u.audio = audio;
    u.reference = spoken; // what is spoken, in time order
    u.duration = stream->durationSeconds;
    u.extra.emplace_back("keyword", stream->keyword);
    u.extra.emplace_back("keyword_spans", spans.dump());
    builder.add(std::move(u), file, 0);
    builder.note("a stream of " + formatNumber(stream->durationSeconds) + " s with " + std::to_string(spans.size())
                 + " known times of the keyword '" + stream->keyword + "' (extra fields keyword, keyword_spans)");
    return builder.finish();
}

} // namespace vox::dataset::detail
