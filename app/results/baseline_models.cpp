#include "app/results/baseline_models.h"

#include "app/format/numbers.h"

#include <QCoreApplication>

#include <algorithm>

namespace vox::app {

namespace {

QString verdictText(const run::BaselineComparison& c)
{
    if (c.words.utterances == 0)
        return QCoreApplication::translate("vox::app::BaselineVerdictModel", "nothing to compare");
    switch (c.verdict) {
    case scoring::Verdict::Worse: return QCoreApplication::translate("vox::app::BaselineVerdictModel", "worse");
    case scoring::Verdict::Better: return QCoreApplication::translate("vox::app::BaselineVerdictModel", "better");
    case scoring::Verdict::NoSignificantDifference: break;
    }
    return QCoreApplication::translate("vox::app::BaselineVerdictModel", "no significant difference");
}

} // namespace

QVariant BaselineVerdictModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& c = analysis()->against[size_t(index.row())];
    const auto& s = c.words.segments;
    const auto& run = comparison()->data.runs[c.run];
    if (role == SortRole) {
        switch (index.column()) {
        case RunColumn: return qint64(run.run.id);
        case VerdictColumn: return int(c.verdict);
        case DeltaWerColumn: return c.words.delta.estimate;
        case BootstrapPColumn: return c.words.bootstrapP;
        case SegmentsColumn: return s ? qint64(s->segments) : -1;
        case ZColumn: return s ? s->z : 0.0;
        case SegmentPColumn: return s ? s->p : 1.0;
        case DeltaCerColumn: return c.characters ? c.characters->delta.estimate : 0.0;
        case BrokenColumn: return qint64(c.broken.size());
        case FixedColumn: return qint64(c.fixed.size());
        default: role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RunColumn: return qint64(run.run.id);
        case VariantColumn: return variantName(c.run);
        case VerdictColumn: return verdictText(c);
        case DeltaWerColumn: return c.words.utterances ? formatPointsInterval(c.words.delta) : QString();
        case BootstrapPColumn: return c.words.utterances ? formatP(c.words.bootstrapP) : QString();
        case SegmentsColumn: return s ? formatCount(s->segments) : QString();
        case ZColumn: return s ? formatNumber(s->z, 2) : QString();
        case SegmentPColumn: return s ? formatP(s->p) : QString();
        case DeltaCerColumn: return c.characters ? formatPointsInterval(c.characters->delta) : QString();
        case BrokenColumn: return qint64(c.broken.size());
        case FixedColumn: return qint64(c.fixed.size());
        case TestColumn: return QString::fromStdString(run::describeAnalysisSettings(analysis()->options));
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == VerdictColumn || index.column() == VariantColumn))
        return QString::fromStdString(c.sentence);
    if (role == VerdictRole)
        return int(c.verdict);
    if (role == Qt::TextAlignmentRole && index.column() != VariantColumn && index.column() != VerdictColumn
        && index.column() != TestColumn)
        return rightAligned();
    return {};
}

std::optional<UtteranceSet> BaselineVerdictModel::utterancesOf(int row) const
{
    if (row < 0 || row >= rows())
        return std::nullopt;
    const auto& c = analysis()->against[size_t(row)];
    UtteranceSet set{tr("%1: broken or fixed").arg(variantName(c.run)), c.broken};
    set.rows.insert(set.rows.end(), c.fixed.begin(), c.fixed.end());
    std::sort(set.rows.begin(), set.rows.end());
    return set;
}

QString BaselineVerdictModel::header(int column) const
{
    switch (column) {
    case RunColumn: return tr("Run");
    case VariantColumn: return tr("Variant");
    case VerdictColumn: return tr("Against the baseline");
    case DeltaWerColumn: return tr("ΔWER [95% CI]");
    case BootstrapPColumn: return tr("p (bootstrap)");
    case SegmentsColumn: return tr("Segments");
    case ZColumn: return tr("Z");
    case SegmentPColumn: return tr("p (MAPSSWE)");
    case DeltaCerColumn: return tr("ΔCER [95% CI]");
    case BrokenColumn: return tr("Broken");
    case FixedColumn: return tr("Fixed");
    case TestColumn: return tr("Tests");
    }
    return {};
}

QString BaselineVerdictModel::headerToolTip(int column) const
{
    switch (column) {
    case DeltaWerColumn:
    case DeltaCerColumn:
        return tr("The run's rate minus the baseline's on the utterances both scored, with a paired bootstrap interval");
    case BootstrapPColumn: return tr("Two-sided: how often the resampled difference crosses zero");
    case SegmentsColumn:
    case ZColumn:
    case SegmentPColumn:
        return tr("sc_stats' matched-pairs sentence-segment word error test (MAPSSWE)");
    case BrokenColumn: return tr("Utterances right in the baseline and wrong in this run");
    case FixedColumn: return tr("Utterances wrong in the baseline and right in this run");
    }
    return {};
}

const std::vector<size_t>& UtteranceChangeModel::rowsOf(int row) const
{
    return isBroken(row) ? comparisonOf(row).broken : comparisonOf(row).fixed;
}

int UtteranceChangeModel::rowOf(size_t run, bool broken) const
{
    for (int r = 0; r < rows(); ++r)
        if (comparisonOf(r).run == run && isBroken(r) == broken)
            return r;
    return -1;
}

QVariant UtteranceChangeModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& c = comparisonOf(index.row());
    const auto& rows = rowsOf(index.row());
    const double share = c.words.utterances ? double(rows.size()) / double(c.words.utterances) : 0.0;
    if (role == SortRole) {
        switch (index.column()) {
        case RunColumn: return qint64(comparison()->data.runs[c.run].run.id);
        case CountColumn: return qint64(rows.size());
        case ShareColumn: return share;
        default: role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RunColumn: return qint64(comparison()->data.runs[c.run].run.id);
        case VariantColumn: return variantName(c.run);
        case ChangeColumn: return isBroken(index.row()) ? tr("broken") : tr("fixed");
        case CountColumn: return qint64(rows.size());
        case ShareColumn: return formatPercent(share);
        case ExamplesColumn: {
            QStringList ids;
            for (size_t i = 0; i < std::min<size_t>(rows.size(), 4); ++i)
                ids << QString::fromStdString(comparison()->data.rows[rows[i]].uttId);
            if (rows.size() > 4)
                ids << QStringLiteral("…");
            return ids.join(QStringLiteral(", "));
        }
        }
    }
    if (role == Qt::ToolTipRole && index.column() == ChangeColumn)
        return isBroken(index.row()) ? tr("Right in the baseline, wrong in this run") : tr("Wrong in the baseline, right in this run");
    if (role == Qt::TextAlignmentRole && (index.column() == CountColumn || index.column() == ShareColumn || index.column() == RunColumn))
        return rightAligned();
    return {};
}

std::optional<UtteranceSet> UtteranceChangeModel::utterancesOf(int row) const
{
    if (row < 0 || row >= rows())
        return std::nullopt;
    const auto& c = comparisonOf(row);
    return UtteranceSet{isBroken(row) ? tr("%1: broken").arg(variantName(c.run)) : tr("%1: fixed").arg(variantName(c.run)),
                        rowsOf(row)};
}

QString UtteranceChangeModel::header(int column) const
{
    switch (column) {
    case RunColumn: return tr("Run");
    case VariantColumn: return tr("Variant");
    case ChangeColumn: return tr("Change");
    case CountColumn: return tr("Utterances");
    case ShareColumn: return tr("Share");
    case ExamplesColumn: return tr("First ones");
    }
    return {};
}

} // namespace vox::app
