#include "ui/window/page_registry.h"

#include <QCoreApplication>

namespace vox::ui {

namespace {
// Gives the page texts a translation context of their own ("vox::ui::Pages").
class Pages {
    Q_DECLARE_TR_FUNCTIONS(vox::ui::Pages)
public:
    static QList<PageInfo> all();
};
} // namespace

QList<PageInfo> productPages()
{
    return Pages::all();
}

QList<PageInfo> Pages::all()
{
    return {
        {QStringLiteral("data"), tr("Data"),
         tr("Audio sets with reference transcripts: import a dataset, browse and play its utterances.")},
        {QStringLiteral("variants"), tr("Variants"),
         tr("Model variants to compare (fp32, int8, fp16, pruned, distilled) and the settings each runs with.")},
        {QStringLiteral("runs"), tr("Runs"),
         tr("The run queue: progress, pause and cancel, and the run card of every run.")},
        {QStringLiteral("results"), tr("Results"),
         tr("Per-utterance results and corpus WER/CER of each variant, with confidence intervals.")},
        {QStringLiteral("diff"), tr("Diff"),
         tr("Word-level alignment of the reference against each variant's hypothesis.")},
        {QStringLiteral("charts"), tr("Charts"),
         tr("Accuracy, time, memory and real-time-factor charts, ready to export.")},
        {QStringLiteral("kws"), tr("Keyword spotting"),
         tr("Keyword spotters side by side: the FA/FR area, detections on a stream, MACs, memory and speed, and "
            "ratios to the baseline.")},
        {QStringLiteral("profiler"), tr("Profiler"),
         tr("The top operators of each variant, and what changed between two variants.")},
    };
}

} // namespace vox::ui
