#include "core/profile/profile_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace vox::profile {

using nlohmann::json;

namespace {

constexpr int kFormat = 1;

const char* kindName(EventKind k)
{
    switch (k) {
    case EventKind::Operator: return "op";
    case EventKind::Frame: return "frame";
    case EventKind::Scope: return "scope";
    case EventKind::Kernel: return "kernel";
    }
    return "op";
}

EventKind kindFrom(const std::string& s)
{
    if (s == "frame")
        return EventKind::Frame;
    if (s == "scope")
        return EventKind::Scope;
    if (s == "kernel")
        return EventKind::Kernel;
    return EventKind::Operator;
}

json rowJson(const OperatorRow& r)
{
    json j{{"name", r.name}, {"calls", r.calls}, {"self_us", r.selfUs}, {"total_us", r.totalUs},
           {"flops", r.flops}, {"stage_self_us", r.stageSelfUs}};
    if (!r.shapes.empty())
        j["shapes"] = r.shapes;
    if (r.pseudo)
        j["pseudo"] = true;
    return j;
}

OperatorRow rowFrom(const json& j)
{
    OperatorRow r;
    r.name = j.at("name").get<std::string>();
    r.shapes = j.value("shapes", std::string());
    r.pseudo = j.value("pseudo", false);
    r.calls = j.at("calls").get<int64_t>();
    r.selfUs = j.at("self_us").get<double>();
    r.totalUs = j.at("total_us").get<double>();
    r.flops = j.value("flops", int64_t(0));
    const auto stages = j.value("stage_self_us", std::vector<double>());
    for (size_t i = 0; i < std::min(stages.size(), r.stageSelfUs.size()); ++i)
        r.stageSelfUs[i] = stages[i];
    return r;
}

json infoJson(const CaptureInfo& i)
{
    json settings = i.settingsJson.empty() ? json::object() : json::parse(i.settingsJson, nullptr, false);
    return json{{"run_id", i.runId}, {"variant", i.variant}, {"kind", i.kind}, {"device", i.device},
                {"dtype", i.dtype}, {"torch", i.torch}, {"settings", settings.is_discarded() ? json::object() : settings},
                {"utterances", i.utterances}, {"audio_s", i.audioSeconds}, {"calls", i.calls},
                {"plain_ms", i.plainMs}, {"profiled_ms", i.profiledMs}, {"by_shapes", i.byShapes},
                {"conditions", i.conditions}};
}

CaptureInfo infoFrom(const json& j)
{
    CaptureInfo i;
    i.runId = j.value("run_id", int64_t(0));
    i.variant = j.value("variant", std::string());
    i.kind = j.value("kind", std::string());
    i.device = j.value("device", std::string());
    i.dtype = j.value("dtype", std::string());
    i.torch = j.value("torch", std::string());
    i.settingsJson = j.value("settings", json::object()).dump();
    i.utterances = j.value("utterances", int64_t(0));
    i.audioSeconds = j.value("audio_s", 0.0);
    i.calls = j.value("calls", int64_t(0));
    i.plainMs = j.value("plain_ms", 0.0);
    i.profiledMs = j.value("profiled_ms", 0.0);
    i.byShapes = j.value("by_shapes", true);
    i.conditions = j.value("conditions", std::string());
    return i;
}

// Events as rows of [name index, kind, thread, start, duration, flops, shapes index].
json eventsJson(const std::vector<OpEvent>& events, json& names, json& shapes)
{
    std::unordered_map<std::string, size_t> nameIndex, shapeIndex;
    auto indexOf = [](std::unordered_map<std::string, size_t>& index, json& table, const std::string& s) {
        auto [it, added] = index.emplace(s, index.size());
        if (added)
            table.push_back(s);
        return it->second;
    };
    json rows = json::array();
    for (const auto& e : events)
        rows.push_back({indexOf(nameIndex, names, e.name), kindName(e.kind), e.thread, e.startUs, e.durationUs,
                        e.flops, indexOf(shapeIndex, shapes, e.shapes)});
    return rows;
}

} // namespace

std::string toJson(const OperatorProfile& p)
{
    json byName = json::array(), byShape = json::array(), kernels = json::array(), stages = json::object();
    for (const auto& r : p.byName)
        byName.push_back(rowJson(r));
    for (const auto& r : p.byShape)
        byShape.push_back(rowJson(r));
    for (const auto& k : p.kernels)
        kernels.push_back({{"name", k.name}, {"calls", k.calls}, {"device_us", k.deviceUs}});
    for (int s = 0; s < kStageCount; ++s)
        stages[stageName(s)] = {{"wall_us", p.stages[size_t(s)].wallUs}, {"operators_us", p.stages[size_t(s)].operatorsUs}};
    json names = json::array(), shapes = json::array();
    json events = eventsJson(p.events, names, shapes);
    json j{{"format", kFormat},          {"info", infoJson(p.info)},  {"wall_us", p.wallUs},
           {"by_name", byName},          {"by_shape", byShape},       {"kernels", kernels},
           {"stages", stages},           {"event_names", names},      {"event_shapes", shapes},
           {"events", events},           {"dropped_events", p.droppedEvents}};
    return j.dump();
}

Expected<OperatorProfile> profileFromJson(std::string_view text)
{
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return makeError("the stored operator profile is not JSON");
    if (j.value("format", 0) != kFormat)
        return makeError("the stored operator profile has format " + std::to_string(j.value("format", 0)) +
                         "; this VoxBench reads format " + std::to_string(kFormat));
    try {
        OperatorProfile p;
        p.info = infoFrom(j.at("info"));
        p.wallUs = j.at("wall_us").get<double>();
        for (const auto& r : j.at("by_name"))
            p.byName.push_back(rowFrom(r));
        for (const auto& r : j.at("by_shape"))
            p.byShape.push_back(rowFrom(r));
        for (const auto& k : j.at("kernels"))
            p.kernels.push_back({k.at("name").get<std::string>(), k.at("calls").get<int64_t>(), k.at("device_us").get<double>()});
        for (int s = 0; s < kStageCount; ++s)
            if (const auto& st = j.at("stages"); st.contains(stageName(s)))
                p.stages[size_t(s)] = {st[stageName(s)].at("wall_us").get<double>(),
                                       st[stageName(s)].at("operators_us").get<double>()};
        const auto& names = j.at("event_names");
        const auto& shapes = j.at("event_shapes");
        for (const auto& e : j.at("events")) {
            OpEvent ev;
            ev.name = names.at(e.at(0).get<size_t>()).get<std::string>();
            ev.kind = kindFrom(e.at(1).get<std::string>());
            ev.thread = e.at(2).get<uint64_t>();
            ev.startUs = e.at(3).get<int64_t>();
            ev.durationUs = e.at(4).get<int64_t>();
            ev.flops = e.at(5).get<int64_t>();
            ev.shapes = shapes.at(e.at(6).get<size_t>()).get<std::string>();
            p.events.push_back(std::move(ev));
        }
        p.droppedEvents = j.value("dropped_events", int64_t(0));
        return p;
    } catch (const json::exception& e) {
        return makeError(std::string("the stored operator profile is incomplete: ") + e.what());
    }
}

std::string chromeTrace(const OperatorProfile& p)
{
    int64_t origin = 0;
    if (!p.events.empty())
        origin = std::min_element(p.events.begin(), p.events.end(), [](const OpEvent& a, const OpEvent& b) {
                     return a.startUs < b.startUs;
                 })->startUs;
    json events = json::array();
    events.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"args", {{"name", "CPU: " + p.info.variant}}}});
    events.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", 2}, {"args", {{"name", "device kernels"}}}});
    for (const auto& e : p.events) {
        const bool kernel = e.kind == EventKind::Kernel;
        json args = json::object();
        if (!e.shapes.empty())
            args["Input Dims"] = e.shapes;
        if (e.flops > 0)
            args["flops"] = e.flops;
        const char* cat = e.kind == EventKind::Scope ? "user_annotation"
                          : e.kind == EventKind::Frame ? "torchscript"
                          : kernel ? "kernel" : "cpu_op";
        events.push_back({{"name", e.name}, {"cat", cat}, {"ph", "X"}, {"ts", e.startUs - origin},
                          {"dur", e.durationUs}, {"pid", kernel ? 2 : 1}, {"tid", e.thread}, {"args", args}});
    }
    json trace{{"traceEvents", events}, {"displayTimeUnit", "ms"},
               {"otherData", {{"variant", p.info.variant}, {"device", p.info.device}, {"dtype", p.info.dtype},
                              {"torch", p.info.torch}, {"dropped_events", p.droppedEvents}}}};
    return trace.dump();
}

} // namespace vox::profile
