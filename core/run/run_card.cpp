#include "core/run/run_card.h"

#include "core/store/package_records.h"
#include "core/text/byte_text.h"
#include "core/util/json_fields.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <unistd.h>

namespace vox::run {

using nlohmann::json;
namespace jf = json_fields;

namespace {

json parsed(std::string_view text)
{
    auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_object() ? j : json::object();
}

json environmentJson(const EnvironmentFacts& e)
{
    return json{{"voxbench", e.voxbench}, {"torch", e.torch},       {"device", e.device},
                {"device_name", e.deviceName}, {"dtype", e.dtype}, {"threads", e.threads},
                {"parallel", e.parallel}, {"thread_pools", e.threadPools},
                {"quantized_engines", e.quantizedEngines},
                {"blas_core", e.blasCore}, {"cpu", e.cpu},          {"host", e.host}};
}

EnvironmentFacts environmentFrom(const json& j)
{
    EnvironmentFacts e;
    e.voxbench = jf::text(j, "voxbench");
    e.torch = jf::text(j, "torch");
    e.device = jf::text(j, "device");
    e.deviceName = jf::text(j, "device_name");
    e.dtype = jf::text(j, "dtype");
    e.threads = static_cast<int>(jf::integer(j, "threads"));
    e.parallel = static_cast<int>(jf::integer(j, "parallel"));
    e.threadPools = jf::text(j, "thread_pools");
    e.quantizedEngines = jf::text(j, "quantized_engines");
    e.blasCore = jf::text(j, "blas_core");
    e.cpu = jf::text(j, "cpu");
    e.host = jf::text(j, "host");
    return e;
}

// A card's settings with every setting present: a card written before a setting existed holds
// its default (chunk_samples came with keyword spotting), which must not read as a difference.
json completeSettings(const json& card)
{
    const json given = card.value("settings", json::object());
    auto settings = runSettingsFromJson(given.dump());
    if (!settings)
        return given;
    json complete = json::parse(toJson(*settings));
    for (const auto& [key, value] : given.items())
        complete[key] = value; // keys this version does not know stay visible
    return complete;
}

std::string text(const json& value)
{
    if (value.is_null())
        return "(none)";
    return value.is_string() ? value.get<std::string>() : value.dump();
}

} // namespace

std::string makeRunCard(const RunSettings& settings, const store::VariantRecord& variant,
                        const store::DatasetRecord& dataset)
{
    const auto facts = store::variantFacts(variant.manifestJson);
    json card;
    card["settings"] = json::parse(toJson(settings));
    // Paths and names are bytes from the file system; the card (JSON) holds them escaped.
    card["variant"] = {{"name", text::escapeBytes(variant.name)}, {"package", text::escapeBytes(variant.packagePath)},
        {"family", facts.family}, {"kind", facts.kind}, {"parameters", facts.parameters}};
    card["dataset"] = {{"name", text::escapeBytes(dataset.name)}, {"source", text::escapeBytes(dataset.source)},
        {"utterances", dataset.utteranceCount}};
    card["sessions"] = json::array();
    return card.dump();
}

Expected<RunCard> readRunCard(std::string_view cardText)
{
    const json card = json::parse(cardText, nullptr, /*allow_exceptions=*/false);
    if (!card.is_object())
        return makeError("the run's card is not a JSON object (a damaged project?)");
    RunCard out;
    if (const json& settings = jf::at(card, "settings"); !settings.is_null()) {
        auto read = runSettingsFromJson(settings.dump());
        if (!read)
            return read.error();
        out.settings = std::move(*read);
        out.hasSettings = true;
    }
    const json& variant = jf::at(card, "variant");
    out.variantName = jf::text(variant, "name");
    out.variantPackage = jf::text(variant, "package");
    out.variantFamily = jf::text(variant, "family");
    out.variantKind = jf::text(variant, "kind");
    out.variantParameters = jf::integer(variant, "parameters");
    const json& dataset = jf::at(card, "dataset");
    out.datasetName = jf::text(dataset, "name");
    out.datasetSource = jf::text(dataset, "source");
    out.datasetUtterances = jf::integer(dataset, "utterances");
    if (const json& sessions = jf::at(card, "sessions"); sessions.is_array())
        for (const json& s : sessions)
            out.sessions.push_back({jf::text(s, "started_at"), environmentFrom(jf::at(s, "environment"))});
    return out;
}

std::string withSession(std::string_view cardText, const EnvironmentFacts& environment)
{
    json card = parsed(cardText);
    if (!card.contains("sessions") || !card["sessions"].is_array())
        card["sessions"] = json::array();
    card["sessions"].push_back({{"started_at", store::utcNow()}, {"environment", environmentJson(environment)}});
    return card.dump();
}

std::string cpuModelName()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos && colon + 2 <= line.size())
                return line.substr(colon + 2);
        }
    }
    return {};
}

std::vector<CardDifference> differences(std::string_view cardA, std::string_view cardB)
{
    const json a = parsed(cardA), b = parsed(cardB);
    std::vector<CardDifference> out;
    auto compareObjects = [&](const json& x, const json& y, const std::string& prefix) {
        json keys = json::object();
        for (const auto& [k, v] : x.items())
            keys[k] = true;
        for (const auto& [k, v] : y.items())
            keys[k] = true;
        for (const auto& [k, unused] : keys.items()) {
            const json vx = x.contains(k) ? x[k] : json();
            const json vy = y.contains(k) ? y[k] : json();
            if (vx != vy)
                out.push_back({prefix + k, text(vx), text(vy)});
        }
    };
    compareObjects(completeSettings(a), completeSettings(b), "");
    const json da = a.value("dataset", json::object()), db = b.value("dataset", json::object());
    if (da.value("name", "") != db.value("name", ""))
        out.push_back({"dataset", da.value("name", ""), db.value("name", "")});
    auto firstEnvironment = [](const json& card) {
        const json sessions = card.value("sessions", json::array());
        return sessions.empty() ? json::object() : sessions[0].value("environment", json::object());
    };
    json ea = firstEnvironment(a), eb = firstEnvironment(b);
    // The name is implied by the device; the version of VoxBench only matters when it changes
    // what is measured, which the other facts would show; the quantized engines belong to the
    // variant, which is what a comparison compares.
    for (const char* k : {"device_name", "voxbench", "quantized_engines"})
        ea.erase(k), eb.erase(k);
    if (!ea.empty() && !eb.empty())
        compareObjects(ea, eb, "environment: ");
    return out;
}

std::string describe(const std::vector<CardDifference>& list)
{
    std::string s;
    for (const auto& d : list) {
        if (!s.empty())
            s += "; ";
        s += d.what + " " + d.a + " vs " + d.b;
    }
    return s;
}

} // namespace vox::run
