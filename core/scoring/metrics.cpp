#include "core/scoring/metrics.h"

namespace vox::scoring {

std::optional<double> errorRate(const EditCounts& c)
{
    const int64_t n = c.referenceLength();
    if (n == 0)
        return std::nullopt;
    return double(c.errors()) / double(n);
}

std::optional<double> matchErrorRate(const EditCounts& c)
{
    const int64_t total = c.correct + c.errors();
    if (total == 0)
        return std::nullopt;
    return double(c.errors()) / double(total);
}

std::optional<double> wordInformationLost(const EditCounts& c)
{
    const int64_t n = c.referenceLength();
    const int64_t p = c.hypothesisLength();
    if (n == 0 && p == 0)
        return std::nullopt;
    if (n == 0 || p == 0)
        return 1.0;
    return 1.0 - (double(c.correct) / double(n)) * (double(c.correct) / double(p));
}

} // namespace vox::scoring
