#include "core/torch/quantized_engine.h"

#include <ATen/Context.h>

#include <algorithm>
#include <cctype>

namespace vox {

namespace {

std::string engineName(at::QEngine engine)
{
    if (engine == at::QEngine::NoQEngine)
        return "none";
    std::string name = c10::toString(engine); // "QNNPACK", "ONEDNN", ...
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

} // namespace

std::vector<std::string> quantizedEngineNames()
{
    std::vector<std::string> names;
    for (const at::QEngine engine : at::globalContext().supportedQEngines())
        names.push_back(engineName(engine));
    return names;
}

Expected<Done> selectQuantizedEngine(const std::string& name, const std::string& where)
{
    for (const at::QEngine engine : at::globalContext().supportedQEngines())
        if (engine != at::QEngine::NoQEngine && engineName(engine) == name) {
            at::globalContext().setQEngine(engine);
            return Done{};
        }
    std::string shown = name;
    for (char& c : shown)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return makeError("this libtorch has no " + shown + " quantization engine, which int8 packages need", where);
}

std::string availableQuantizedEngine(const std::string& wanted)
{
    const auto names = quantizedEngineNames();
    auto has = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
    if (has(wanted))
        return wanted;
    if (has("qnnpack"))
        return "qnnpack";
    for (const auto& n : names)
        if (n != "none")
            return n;
    return {};
}

std::mutex& quantizedEngineMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace vox
