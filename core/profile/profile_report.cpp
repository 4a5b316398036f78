#include "core/profile/profile_report.h"

#include "core/run/run_settings.h"

#include <cmath>
#include <cstdio>

namespace vox::profile {

namespace {

std::string fmt(const char* format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string pad(std::string s, size_t width, bool right = false)
{
    if (s.size() >= width)
        return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string percent(double share)
{
    return fmt("%.1f %%", 100.0 * share);
}

} // namespace

std::string settingsLine(const CaptureInfo& info)
{
    auto s = run::runSettingsFromJson(info.settingsJson);
    if (!s)
        return "settings unknown";
    return "threads " + std::to_string(s->threads) + ", batch " + std::to_string(s->batch) + ", beam " +
           std::to_string(s->beam) + ", max tokens " +
           (s->maxTokens < 0 ? std::string("package's") : std::to_string(s->maxTokens)) + ", warm-up " +
           std::to_string(std::max(2, s->warmup)) + ", optimize " + (s->optimize ? "on" : "off");
}

std::string formatProfile(const OperatorProfile& p, int top, bool byShapes)
{
    const CaptureInfo& i = p.info;
    std::string out = "Operator profile: " + i.variant + " (" + i.kind + ") on " + i.device + ", " + i.dtype +
                      ", torch " + i.torch + "\n";
    out += "  " + std::to_string(i.utterances) + " utterances (" + fmt("%.1f", i.audioSeconds) + " s of audio) in " +
           std::to_string(i.calls) + " calls; " + settingsLine(i) + "\n";
    out += "  profiled total " + fmt("%.1f", p.wallUs / 1000.0) + " ms; without the profiler " + fmt("%.1f", i.plainMs) +
           " ms (overhead " + fmt("%+.1f %%", 100.0 * i.overhead()) + "); self times add up to " +
           percent(p.accounted()) + " of the total, operators alone " +
           percent(p.wallUs > 0 ? p.operatorsUs() / p.wallUs : 0.0) + "\n";
    out += "  stages:";
    double inStages = 0;
    for (int s = 0; s < kOutside; ++s) {
        const double wall = p.stages[size_t(s)].wallUs;
        inStages += wall;
        out += std::string(s ? "," : "") + " " + stageName(s) + " " + fmt("%.1f", wall / 1000.0) + " ms (" +
               percent(p.wallUs > 0 ? wall / p.wallUs : 0.0) + ")";
    }
    out += ", outside the stages " + fmt("%.1f", std::max(0.0, p.wallUs - inStages) / 1000.0) + " ms\n";
    if (!i.conditions.empty())
        out += "  measured while: " + i.conditions + "\n";
    if (p.droppedEvents > 0)
        out += "  the trace keeps the first " + std::to_string(p.events.size()) + " events (" +
               std::to_string(p.droppedEvents) + " more were counted in the tables only)\n";
    const auto& rows = byShapes ? p.byShape : p.byName;
    size_t nameWidth = 30;
    const size_t n = top > 0 ? std::min(rows.size(), size_t(top)) : rows.size();
    for (size_t r = 0; r < n; ++r)
        nameWidth = std::max(nameWidth, rows[r].name.size() + 2);
    out += "\n" + pad("  #", 5) + pad("operator", nameWidth) + pad("calls", 9, true) + pad("self ms", 11, true) +
           pad("share", 9, true) + pad("total ms", 11, true) + pad("MFLOP", 11, true) + (byShapes ? "  input shapes" : "") +
           "\n";
    for (size_t r = 0; r < n; ++r) {
        const auto& row = rows[r];
        out += pad("  " + std::to_string(r + 1), 5) + pad(row.name, nameWidth) +
               pad(row.pseudo ? "-" : std::to_string(row.calls), 9, true) + pad(fmt("%.2f", row.selfUs / 1000.0), 11, true) +
               pad(percent(p.share(row)), 9, true) + pad(fmt("%.2f", row.totalUs / 1000.0), 11, true) +
               pad(row.flops > 0 ? fmt("%.1f", double(row.flops) / 1e6) : "-", 11, true) +
               (byShapes ? "  " + row.shapes : std::string()) + "\n";
    }
    if (n < rows.size())
        out += "  ... " + std::to_string(rows.size() - n) + " more\n";
    if (!p.kernels.empty()) {
        out += "\n  device kernels (device time):\n";
        for (size_t k = 0; k < p.kernels.size() && (top <= 0 || k < size_t(top)); ++k)
            out += "    " + pad(p.kernels[k].name, nameWidth) + pad(std::to_string(p.kernels[k].calls), 9, true) +
                   pad(fmt("%.2f", p.kernels[k].deviceUs / 1000.0), 11, true) + " ms\n";
    }
    return out;
}

std::string formatComparison(const OperatorProfile& a, const OperatorProfile& b, int top)
{
    const auto c = compareProfiles(a, b);
    std::string out = "Comparison: " + b.info.variant + " against " + a.info.variant + ", per utterance: " +
                      fmt("%.2f", c.totalMsA) + " ms -> " + fmt("%.2f", c.totalMsB) + " ms\n";
    if (settingsLine(a.info) != settingsLine(b.info) || a.info.device != b.info.device)
        out += "  not comparable as measured: " + a.info.variant + " [" + a.info.device + "; " + settingsLine(a.info) +
               "] vs " + b.info.variant + " [" + b.info.device + "; " + settingsLine(b.info) + "]\n";
    size_t nameWidth = 30;
    for (const auto& r : c.rows)
        nameWidth = std::max(nameWidth, r.name.size() + 2);
    out += "\n  " + pad("operator", nameWidth) + pad("", 9) + pad("calls A", 10, true) + pad("calls B", 10, true) +
           pad("self ms A", 11, true) + pad("self ms B", 11, true) + pad("change", 10, true) + pad("share A", 9, true) +
           pad("share B", 9, true) + "\n";
    const size_t n = top > 0 ? std::min(c.rows.size(), size_t(top)) : c.rows.size();
    for (size_t r = 0; r < n; ++r) {
        const auto& row = c.rows[r];
        out += "  " + pad(row.name, nameWidth) + pad(row.presence == Presence::Both ? "" : presenceName(row.presence), 9) +
               pad(row.pseudo ? "-" : fmt("%.1f", row.callsA), 10, true) +
               pad(row.pseudo ? "-" : fmt("%.1f", row.callsB), 10, true) + pad(fmt("%.3f", row.selfMsA), 11, true) +
               pad(fmt("%.3f", row.selfMsB), 11, true) + pad(fmt("%+.3f", row.deltaMs()), 10, true) +
               pad(percent(row.shareA), 9, true) + pad(percent(row.shareB), 9, true) + "\n";
    }
    if (n < c.rows.size())
        out += "  ... " + std::to_string(c.rows.size() - n) + " more\n";
    return out;
}

} // namespace vox::profile
