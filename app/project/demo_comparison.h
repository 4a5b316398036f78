#pragma once
// The one action a first look at the demo project needs: the demo's full-precision Whisper, its
// int8 version and its distilled student over the demo's clean set (120 utterances; about 15 s
// on two cores), so that the Results, Diff and Charts pages fill in under a minute.
#include "app/project/project_summary.h"

#include <QList>

#include <optional>

namespace vox::app {

struct DemoComparison {
    qint64 datasetId = 0;
    QList<qint64> variantIds; // fp32 (the baseline), int8, student
};

inline constexpr const char* kDemoComparisonDataset = "demo clean";
inline constexpr const char* kDemoComparisonVariants[] = {"whisper-demo-fp32", "whisper-demo-int8", "whisper-demo-student"};

// None unless the project holds the dataset and the three demo variants, trusted on this machine.
std::optional<DemoComparison> demoComparison(const ProjectSummary& project);

} // namespace vox::app
