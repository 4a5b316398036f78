#include "core/profile/operator_profile.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

namespace vox::profile {

const char* stageName(int stage)
{
    switch (stage) {
    case kFeatures: return "features";
    case kEncoder: return "encoder";
    case kDecoder: return "decoder";
    default: return "other";
    }
}

namespace {

int stageOf(std::string_view scope)
{
    if (scope == kStageFeatures)
        return kFeatures;
    if (scope == kStageEncoder)
        return kEncoder;
    if (scope == kStageDecoder)
        return kDecoder;
    return -1;
}

struct Open {
    const OpEvent* event;
    int64_t end;
    double childUs = 0;
    int stage;
};

// Accumulates rows by key (name, or name and shapes).
class Table {
public:
    OperatorRow& row(const std::string& name, const std::string& shapes, bool pseudo)
    {
        auto key = name;
        key += '\x1f';
        key += shapes;
        auto [it, added] = m_index.emplace(std::move(key), m_rows.size());
        if (added) {
            m_rows.push_back({});
            m_rows.back().name = name;
            m_rows.back().shapes = shapes;
            m_rows.back().pseudo = pseudo;
        }
        return m_rows[it->second];
    }
    std::vector<OperatorRow> take()
    {
        std::sort(m_rows.begin(), m_rows.end(), [](const OperatorRow& a, const OperatorRow& b) {
            return a.selfUs != b.selfUs ? a.selfUs > b.selfUs : a.name < b.name;
        });
        return std::move(m_rows);
    }

private:
    std::unordered_map<std::string, size_t> m_index;
    std::vector<OperatorRow> m_rows;
};

class Builder {
public:
    explicit Builder(OperatorProfile& p) : m_p(p) {}

    void thread(std::vector<const OpEvent*>& events)
    {
        std::sort(events.begin(), events.end(), [](const OpEvent* a, const OpEvent* b) {
            return a->startUs != b->startUs ? a->startUs < b->startUs : a->durationUs > b->durationUs;
        });
        m_stack.clear();
        m_names.clear();
        for (const OpEvent* e : events) {
            while (!m_stack.empty() && e->startUs >= m_stack.back().end)
                close();
            const int stage = e->kind == EventKind::Scope && stageOf(e->name) >= 0
                                  ? stageOf(e->name)
                                  : (m_stack.empty() ? int(kOutside) : m_stack.back().stage);
            m_stack.push_back({e, e->startUs + e->durationUs, 0.0, stage});
            ++m_names[e->name];
        }
        while (!m_stack.empty())
            close();
    }

private:
    void close()
    {
        const Open o = m_stack.back();
        m_stack.pop_back();
        const OpEvent& e = *o.event;
        const double dur = double(e.durationUs);
        const double self = std::max(0.0, dur - o.childUs);
        if (!m_stack.empty()) // a child whose rounded end passes its parent's counts up to the parent's end
            m_stack.back().childUs += std::min(dur, double(m_stack.back().end - e.startUs));
        const bool outermost = --m_names[e.name] == 0;
        if (e.kind == EventKind::Scope) {
            const int s = stageOf(e.name);
            if (s >= 0 && (m_stack.empty() || m_stack.back().stage != s))
                m_p.stages[size_t(s)].wallUs += dur;
            add(kBetweenRow, {}, true, o.stage, self, 0, 0, false);
            return;
        }
        if (e.kind == EventKind::Frame) {
            add(kInterpreterRow, {}, true, o.stage, self, 0, 0, false);
            return;
        }
        m_p.stages[size_t(o.stage)].operatorsUs += self;
        add(e.name, e.shapes, false, o.stage, self, outermost ? dur : 0.0, e.flops, true);
    }

    void add(const std::string& name, const std::string& shapes, bool pseudo, int stage, double self, double total,
             int64_t flops, bool call)
    {
        for (auto* table : {&m_byName, &m_byShape}) {
            OperatorRow& r = table->row(name, table == &m_byShape ? shapes : std::string(), pseudo);
            r.calls += call ? 1 : 0;
            r.selfUs += self;
            r.totalUs += pseudo ? self : total;
            r.flops += flops;
            r.stageSelfUs[size_t(stage)] += self;
        }
    }

public:
    Table m_byName, m_byShape;

private:
    OperatorProfile& m_p;
    std::vector<Open> m_stack;
    std::unordered_map<std::string, int> m_names; // open events per name (recursion)
};

} // namespace

double OperatorProfile::selfSumUs() const
{
    double sum = 0;
    for (const auto& r : byName)
        sum += r.selfUs;
    return sum;
}

double OperatorProfile::operatorsUs() const
{
    double sum = 0;
    for (const auto& r : byName)
        sum += r.pseudo ? 0.0 : r.selfUs;
    return sum;
}

OperatorProfile buildProfile(std::vector<OpEvent> events, double wallUs)
{
    OperatorProfile p;
    p.wallUs = wallUs;
    Builder builder(p);
    std::map<uint64_t, std::vector<const OpEvent*>> threads;
    std::map<std::string, KernelRow> kernels;
    for (const auto& e : events) {
        if (e.kind == EventKind::Kernel) {
            auto& k = kernels[e.name];
            k.name = e.name;
            ++k.calls;
            k.deviceUs += double(e.durationUs);
        } else {
            threads[e.thread].push_back(&e);
        }
    }
    for (auto& [id, list] : threads)
        builder.thread(list);
    p.byName = builder.m_byName.take();
    p.byShape = builder.m_byShape.take();
    for (auto& [name, k] : kernels)
        p.kernels.push_back(std::move(k));
    std::sort(p.kernels.begin(), p.kernels.end(),
              [](const KernelRow& a, const KernelRow& b) { return a.deviceUs > b.deviceUs; });
    if (events.size() > kMaxEvents) {
        p.droppedEvents = int64_t(events.size() - kMaxEvents);
        events.resize(kMaxEvents);
    }
    p.events = std::move(events);
    return p;
}

} // namespace vox::profile
