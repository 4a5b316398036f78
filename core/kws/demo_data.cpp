#include "core/kws/demo_data.h"

#include "core/util/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace vox::kws {

namespace {

using nlohmann::json;

constexpr const char* kClipsFormat = "voxbench-kws-clips";
constexpr const char* kStreamFormat = "voxbench-kws-stream";

struct Problem {
    std::string message;
};

const json& need(const json& object, const std::string& where, const char* name)
{
    if (!object.is_object() || !object.contains(name))
        throw Problem{where + "field '" + name + "' is missing"};
    return object.at(name);
}

std::string text(const json& object, const std::string& where, const char* name)
{
    const json& v = need(object, where, name);
    if (!v.is_string())
        throw Problem{where + "field '" + name + "' must be a string"};
    return v.get<std::string>();
}

double number(const json& object, const std::string& where, const char* name)
{
    const json& v = need(object, where, name);
    if (!v.is_number())
        throw Problem{where + "field '" + name + "' must be a number"};
    return v.get<double>();
}

// A whole number of samples per second that an int holds (a fuzzed 1.6e21 was cast unchecked).
int sampleRate(const json& manifest)
{
    const double rate = number(manifest, "", "sample_rate");
    if (!(rate >= 1.0 && rate <= 1'000'000.0) || rate != std::floor(rate))
        throw Problem{"field 'sample_rate' must be a whole number of samples per second from 1 to 1000000"};
    return static_cast<int>(rate);
}

std::string optionalText(const json& object, const char* name)
{
    return object.contains(name) && object.at(name).is_string() ? object.at(name).get<std::string>() : std::string();
}

// Parses the file and checks "format" and "version"; errors carry the file as context.
Expected<json> openManifest(const std::filesystem::path& path, const char* format)
{
    std::ifstream in(path);
    if (!in)
        return makeError("cannot open the file", path.string());
    json j;
    try {
        j = json::parse(in);
    } catch (const json::parse_error& e) {
        return makeError("not valid JSON: " + json_fields::errorText(e), path.string());
    }
    if (!j.is_object() || !j.contains("format") || j["format"] != format)
        return makeError(std::string("not a ") + format + " file (its \"format\" field differs)", path.string());
    if (!j.contains("version") || j["version"] != 1)
        return makeError(std::string("unsupported ") + format + " version (this VoxBench reads version 1)", path.string());
    return j;
}

} // namespace

std::vector<KeywordTime> KeywordStream::keywordTimes() const
{
    std::vector<KeywordTime> out;
    for (const auto& e : events)
        if (e.keyword)
            out.push_back({e.start, e.end});
    return out;
}

DemoFile demoFileKind(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        return DemoFile::Other;
    const json j = json::parse(in, nullptr, false);
    if (!j.is_object() || !j.contains("format"))
        return DemoFile::Other;
    if (j["format"] == kClipsFormat)
        return DemoFile::Clips;
    if (j["format"] == kStreamFormat)
        return DemoFile::Stream;
    return DemoFile::Other;
}

Expected<ClipSet> readClipSet(const std::filesystem::path& manifest)
{
    auto j = openManifest(manifest, kClipsFormat);
    if (!j)
        return j.error();
    ClipSet set;
    set.manifest = manifest;
    const auto folder = manifest.parent_path();
    try {
        set.keyword = text(*j, "", "keyword");
        const json& labels = need(*j, "", "labels");
        if (!labels.is_array() || labels.empty())
            throw Problem{"field 'labels' must be a non-empty list"};
        for (const auto& l : labels) {
            if (!l.is_string())
                throw Problem{"field 'labels' must be a list of strings"};
            set.labels.push_back(l.get<std::string>());
        }
        set.sampleRate = sampleRate(*j);
        set.clipSeconds = number(*j, "", "clip_seconds");
        const json& clips = need(*j, "", "clips");
        if (!clips.is_array())
            throw Problem{"field 'clips' must be a list"};
        for (size_t i = 0; i < clips.size(); ++i) {
            const std::string where = "clips[" + std::to_string(i) + "]: ";
            LabelledClip c;
            c.id = text(clips[i], where, "id");
            c.audio = folder / text(clips[i], where, "audio");
            c.label = text(clips[i], where, "label");
            if (std::find(set.labels.begin(), set.labels.end(), c.label) == set.labels.end())
                throw Problem{where + "label '" + c.label + "' is not one of the listed labels"};
            c.text = optionalText(clips[i], "text");
            c.voice = optionalText(clips[i], "voice");
            c.condition = optionalText(clips[i], "condition");
            set.clips.push_back(std::move(c));
        }
    } catch (const Problem& e) {
        return makeError(e.message, manifest.string());
    }
    return set;
}

Expected<KeywordStream> readKeywordStream(const std::filesystem::path& manifest)
{
    auto j = openManifest(manifest, kStreamFormat);
    if (!j)
        return j.error();
    KeywordStream s;
    s.manifest = manifest;
    try {
        s.keyword = text(*j, "", "keyword");
        s.audio = manifest.parent_path() / text(*j, "", "audio");
        s.sampleRate = sampleRate(*j);
        s.durationSeconds = number(*j, "", "duration");
        const json& events = need(*j, "", "events");
        if (!events.is_array())
            throw Problem{"field 'events' must be a list"};
        for (size_t i = 0; i < events.size(); ++i) {
            const std::string where = "events[" + std::to_string(i) + "]: ";
            StreamEvent e;
            e.start = number(events[i], where, "start");
            e.end = number(events[i], where, "end");
            if (e.end < e.start)
                throw Problem{where + "ends before it starts"};
            e.text = text(events[i], where, "text");
            const json& keyword = need(events[i], where, "keyword");
            if (!keyword.is_boolean())
                throw Problem{where + "field 'keyword' must be true or false"};
            e.keyword = keyword.get<bool>();
            e.kind = optionalText(events[i], "kind");
            e.voice = optionalText(events[i], "voice");
            s.events.push_back(std::move(e));
        }
    } catch (const Problem& e) {
        return makeError(e.message, manifest.string());
    }
    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const StreamEvent& a, const StreamEvent& b) { return a.start < b.start; });
    return s;
}

} // namespace vox::kws
