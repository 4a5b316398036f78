#include "core/torch/script_module.h"

#include "core/log/log.h"
#include "core/torch/torch_env.h"
#include "core/torch/torch_error.h"
#include "core/torch/torch_warnings.h"

#include <torch/script.h>

#include <system_error>

namespace vox {

struct ScriptModule::Impl {
    torch::jit::Module module;
    std::filesystem::path path;
    ScriptModuleOptions options;
    int lastThreads = 0;
};

namespace {

torch::Tensor toTensor(const TensorData& data)
{
    auto tensor = torch::empty(data.shape, torch::kFloat32);
    std::copy(data.values.begin(), data.values.end(), tensor.data_ptr<float>());
    return tensor;
}

Expected<TensorData> fromIValue(const torch::IValue& value, const std::string& what)
{
    if (!value.isTensor())
        return makeError(what + " returned " + value.tagKind() + ", expected a tensor");
    auto tensor = value.toTensor().detach().to(torch::kCPU, torch::kFloat32).contiguous();
    TensorData out;
    out.shape.assign(tensor.sizes().begin(), tensor.sizes().end());
    out.values.assign(tensor.data_ptr<float>(), tensor.data_ptr<float>() + tensor.numel());
    return out;
}

} // namespace

ScriptModule::ScriptModule(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
ScriptModule::ScriptModule(ScriptModule&&) noexcept = default;
ScriptModule& ScriptModule::operator=(ScriptModule&&) noexcept = default;
ScriptModule::~ScriptModule() = default;

Expected<ScriptModule> ScriptModule::load(const std::filesystem::path& path, ScriptModuleOptions options)
{
    const std::string where = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return makeError("file not found", where);
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError("not a regular file (a TorchScript module is one .pt file)", where);

    installTorchWarningHandler();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->options = options;
    try {
        impl->module = torch::jit::load(path.string(), torch::kCPU);
        impl->module.eval();
    } catch (const std::exception& e) {
        return makeError("not a loadable TorchScript module: " + torchMessage(e), where);
    }
    log::get("torch")->debug("loaded TorchScript module {}", where);
    return ScriptModule(std::move(impl));
}

Expected<TensorData> ScriptModule::forward(const std::vector<TensorData>& inputs)
{
    return runMethod("forward", inputs);
}

Expected<TensorData> ScriptModule::runMethod(const std::string& name, const std::vector<TensorData>& inputs)
{
    const std::string where = d->path.string() + " " + name + "()";
    auto method = d->module.find_method(name);
    if (!method)
        return makeError("the module has no method '" + name + "'", d->path.string());
    for (const auto& input : inputs) {
        if (input.elementCount() != static_cast<int64_t>(input.values.size()))
            return makeError("input of shape " + input.shapeText() + " holds " + std::to_string(input.values.size())
                                 + " values, expected " + std::to_string(input.elementCount()),
                             where);
    }

    installTorchWarningHandler();
    if (d->options.intraOpThreads > 0)
        setIntraOpThreads(d->options.intraOpThreads);
    d->lastThreads = intraOpThreads();
    try {
        torch::InferenceMode guard;
        std::vector<torch::IValue> args;
        args.reserve(inputs.size());
        for (const auto& input : inputs)
            args.emplace_back(toTensor(input));
        return fromIValue((*method)(std::move(args)), name + "()");
    } catch (const std::exception& e) {
        return makeError(torchMessage(e), where);
    }
}

std::vector<std::string> ScriptModule::methodNames() const
{
    std::vector<std::string> names;
    for (const auto& method : d->module.get_methods())
        names.push_back(method.name());
    return names;
}

bool ScriptModule::hasMethod(const std::string& name) const
{
    return d->module.find_method(name).has_value();
}

int64_t ScriptModule::parameterCount() const
{
    int64_t n = 0;
    for (const auto& p : d->module.parameters())
        n += p.numel();
    return n;
}

const std::filesystem::path& ScriptModule::path() const
{
    return d->path;
}

int ScriptModule::lastCallThreads() const
{
    return d->lastThreads;
}

} // namespace vox
