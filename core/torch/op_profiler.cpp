#include "core/torch/op_profiler.h"

#include "core/torch/torch_error.h"

#include <ATen/Context.h>
#include <ATen/record_function.h>
#include <torch/csrc/autograd/profiler_kineto.h>

#include <atomic>
#include <set>
#include <string_view>

namespace vox::profile {

namespace {

namespace tp = torch::autograd::profiler;
using torch::profiler::impl::ActivityType;

std::atomic<bool> g_recording{false};

std::string formatShapes(const c10::ArrayRef<std::vector<int64_t>>& shapes)
{
    std::string out;
    for (size_t i = 0; i < shapes.size(); ++i) {
        if (i)
            out += ", ";
        out += '[';
        for (size_t k = 0; k < shapes[i].size(); ++k) {
            if (k)
                out += ", ";
            out += std::to_string(shapes[i][k]);
        }
        out += ']';
    }
    return out;
}

bool isStage(std::string_view name)
{
    return name == kStageFeatures || name == kStageEncoder || name == kStageDecoder;
}

EventKind kindOf(const tp::KinetoEvent& e, std::string_view name)
{
    if (e.deviceType() != c10::DeviceType::CPU)
        return EventKind::Kernel;
    const auto scope = static_cast<at::RecordScope>(e.scope());
    if (scope == at::RecordScope::TORCHSCRIPT_FUNCTION)
        return EventKind::Frame;
    if (scope == at::RecordScope::USER_SCOPE && isStage(name))
        return EventKind::Scope;
    return EventKind::Operator;
}

} // namespace

bool recording()
{
    return g_recording.load(std::memory_order_relaxed);
}

Expected<Done> startRecording(const RecorderOptions& options)
{
    bool expected = false;
    if (!g_recording.compare_exchange_strong(expected, true))
        return makeError("an operator profile is already being recorded in this process");
    try {
        const tp::ProfilerConfig config(tp::ProfilerState::KINETO, options.shapes, /*profile_memory*/ false,
                                        /*with_stack*/ false, options.flops, /*with_modules*/ false);
        std::set<ActivityType> activities{ActivityType::CPU};
        if (options.device && at::globalContext().hasCUDA())
            activities.insert(ActivityType::CUDA);
        tp::prepareProfiler(config, activities);
        tp::enableProfiler(config, activities);
        return Done{};
    } catch (const std::exception& e) {
        g_recording = false;
        return makeError("libtorch's profiler did not start: " + torchMessage(e));
    }
}

Expected<std::vector<OpEvent>> stopRecording()
{
    if (!g_recording)
        return makeError("no operator profile is being recorded");
    std::unique_ptr<tp::ProfilerResult> result;
    try {
        result = tp::disableProfiler();
    } catch (const std::exception& e) {
        g_recording = false;
        return makeError("libtorch's profiler did not stop cleanly: " + torchMessage(e));
    }
    g_recording = false;
    std::vector<OpEvent> out;
    if (!result)
        return out;
    out.reserve(result->events().size());
    for (const auto& e : result->events()) {
        OpEvent ev;
        ev.name = e.name();
        ev.kind = kindOf(e, ev.name);
        if (e.hasShapes())
            ev.shapes = formatShapes(e.shapes());
        ev.startUs = int64_t(e.startUs());
        ev.durationUs = int64_t(e.durationUs());
        ev.thread = e.startThreadId();
        ev.flops = int64_t(e.flops());
        out.push_back(std::move(ev));
    }
    return out;
}

Scope::Scope(const char* name)
{
    if (!g_recording.load(std::memory_order_relaxed))
        return;
    auto* guard = new at::RecordFunction(at::RecordScope::USER_SCOPE);
    if (guard->isActive())
        guard->before(name);
    m_guard = guard;
}

Scope::~Scope()
{
    delete static_cast<at::RecordFunction*>(m_guard);
}

} // namespace vox::profile
