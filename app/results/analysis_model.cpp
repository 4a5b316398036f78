#include "app/results/analysis_model.h"

namespace vox::app {

void AnalysisModel::setComparison(ComparisonPtr comparison)
{
    reset([&] {
        m_data = std::move(comparison);
        rebuild();
    });
}

QString AnalysisModel::variantName(size_t run) const
{
    if (!m_data || run >= m_data->data.runs.size())
        return {};
    return QString::fromStdString(m_data->data.runs[run].variant);
}

} // namespace vox::app
