#include "app/project/demo_comparison.h"

namespace vox::app {

std::optional<DemoComparison> demoComparison(const ProjectSummary& project)
{
    DemoComparison out;
    for (const auto& d : project.datasets)
        if (d.name == QLatin1String(kDemoComparisonDataset))
            out.datasetId = d.id;
    if (out.datasetId == 0)
        return std::nullopt;
    for (const char* name : kDemoComparisonVariants) {
        const auto it = std::find_if(project.variants.begin(), project.variants.end(), [name](const VariantSummary& v) {
            return v.name == QLatin1String(name) && v.demo && v.trustedHere && v.bytesOnDisk >= 0;
        });
        if (it == project.variants.end())
            return std::nullopt;
        out.variantIds << it->id;
    }
    return out;
}

} // namespace vox::app
