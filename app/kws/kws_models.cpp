#include "app/kws/kws_models.h"

#include "app/format/numbers.h"

#include <QCoreApplication>
#include <QLocale>


namespace vox::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString times(const std::optional<double>& ratio)
{
    return ratio ? QStringLiteral("×%1").arg(formatNumber(*ratio, *ratio >= 10 ? 0 : 1)) : QStringLiteral("–");
}

QString perSecond(double macs)
{
    if (macs >= 1e6)
        return QCoreApplication::translate("vox::app::KwsCostModel", "%1 M").arg(formatNumber(macs / 1e6, 2));
    return QCoreApplication::translate("vox::app::KwsCostModel", "%1 k").arg(formatNumber(macs / 1e3, 1));
}

} // namespace

QString formatArea(double area)
{
    if (area == 0)
        return QStringLiteral("0");
    return QLocale().toString(area, 'e', 2);
}

QString formatAreaInterval(const std::optional<scoring::Interval>& i)
{
    if (!i)
        return QStringLiteral("–");
    return QStringLiteral("%1 [%2, %3]").arg(formatArea(i->estimate), formatArea(i->low), formatArea(i->high));
}

// ---- summary -------------------------------------------------------------------------------

void KwsSummaryModel::setEntries(KwsEntries entries)
{
    reset([&] { m_entries = std::move(entries); });
}

void KwsSummaryModel::refresh()
{
    if (rows() > 0)
        emit dataChanged(index(0, 0), index(rows() - 1, ColumnCount - 1));
}

QVariant KwsSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const KwsEntry& e = (*m_entries)[size_t(index.row())];
    const auto& s = e.summary;
    const bool clips = !e.data.clips.empty(), streams = !e.data.streams.empty();
    if (role == Qt::TextAlignmentRole)
        return index.column() == VariantColumn || index.column() == DatasetColumn ? QVariant() : rightAligned();
    if (role == Qt::ToolTipRole && index.column() == VariantColumn)
        return qs(e.data.run.cardJson);
    if (role == PassedRole)
        return clips && s.curve.defined() ? QVariant(s.passes) : QVariant();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    auto number = [&](double v, const QString& shown) { return sort ? QVariant(v) : QVariant(shown); };
    switch (index.column()) {
    case RunColumn: return qint64(e.data.run.id);
    case VariantColumn:
        return index.row() == 0 ? tr("%1 (baseline)").arg(qs(e.data.variant)) : qs(e.data.variant);
    case DatasetColumn: return qs(e.data.card.datasetName);
    case ItemsColumn:
        if (clips)
            return sort ? QVariant(s.clips) : QVariant(tr("%1 clips (%2 keyword)").arg(s.clips).arg(s.keywordClips));
        return sort ? QVariant(s.streams) : QVariant(tr("%n stream(s)", nullptr, s.streams));
    case AreaColumn:
        if (!clips || !s.curve.defined())
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(s.curve.area, formatAreaInterval(s.area));
    case PassColumn:
        if (!clips || !s.curve.defined())
            return QString();
        return s.passes ? tr("pass") : tr("fail");
    case FrrColumn:
        if (!clips || !s.curve.defined())
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(s.frrAtFalseAlarmRate, formatPercent(s.frrAtFalseAlarmRate));
    case ThresholdColumn: return number(e.live.threshold, formatNumber(e.live.threshold, 3));
    case FaRateColumn:
        if (!e.live.hasClips)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(e.live.clips.falseAlarmRate, tr("%1 (%2)").arg(formatPercent(e.live.clips.falseAlarmRate)).arg(e.live.clips.falseAlarms));
    case FrRateColumn:
        if (!e.live.hasClips)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(e.live.clips.falseRejectRate, tr("%1 (%2)").arg(formatPercent(e.live.clips.falseRejectRate)).arg(e.live.clips.falseRejects));
    case AccuracyColumn:
        if (!clips)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(s.accuracy.accuracy(), formatPercent(s.accuracy.accuracy()));
    case DetectionsColumn:
        if (!streams)
            return sort ? QVariant(-1) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(e.live.hits)
                    : QVariant(tr("%1 of %2 hit, %3 false").arg(e.live.hits).arg(e.live.keywords).arg(e.live.falseAlarms));
    case FaPerHourColumn:
        if (!streams)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(e.live.falseAlarmsPerHour(), formatNumber(e.live.falseAlarmsPerHour(), 1));
    case MissRateColumn:
        if (!streams)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(e.live.missRate(), formatPercent(e.live.missRate()));
    case MissAtTargetColumn:
        if (!streams)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return number(s.missRateAtTarget.value_or(2.0), formatPercent(s.missRateAtTarget));
    }
    return {};
}

QString KwsSummaryModel::header(int column) const
{
    switch (column) {
    case RunColumn: return tr("Run");
    case VariantColumn: return tr("Variant");
    case DatasetColumn: return tr("Dataset");
    case ItemsColumn: return tr("Scored");
    case AreaColumn: return tr("Area [95% CI]");
    case PassColumn: return tr("Pass mark");
    case FrrColumn: return tr("FRR at target FA");
    case ThresholdColumn: return tr("Threshold");
    case FaRateColumn: return tr("FA rate");
    case FrRateColumn: return tr("FR rate");
    case AccuracyColumn: return tr("Accuracy");
    case DetectionsColumn: return tr("Stream detections");
    case FaPerHourColumn: return tr("FA/hour");
    case MissRateColumn: return tr("Miss rate");
    case MissAtTargetColumn: return tr("Miss at target FA/h");
    }
    return {};
}

QString KwsSummaryModel::headerToolTip(int column) const
{
    switch (column) {
    case AreaColumn:
        return tr("Area under the false-alarm / false-reject curve over the clips (lower is better), with a 95 % "
                  "bootstrap interval over clips");
    case PassColumn: return tr("The area at or below the pass mark passes");
    case FrrColumn: return tr("The lowest false-reject rate at a clip false-alarm rate at or below the target");
    case FaRateColumn: return tr("Non-keyword clips at or above the threshold (how many)");
    case FrRateColumn: return tr("Keyword clips below the threshold (how many)");
    case MissAtTargetColumn: return tr("The lowest miss rate with at most the target false alarms per hour on the streams");
    default: return {};
    }
}

// ---- cost ----------------------------------------------------------------------------------

void KwsCostModel::setEntries(KwsEntries entries)
{
    reset([&] { m_entries = std::move(entries); });
}

QVariant KwsCostModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const KwsEntry& e = (*m_entries)[size_t(index.row())];
    const auto& s = e.summary;
    const auto& cost = s.cost;
    if (role == Qt::TextAlignmentRole)
        return index.column() == VariantColumn ? QVariant() : rightAligned();
    if (role == Qt::ToolTipRole && index.column() == MacsColumn && !cost)
        return qs(e.data.costError);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    const bool isBaseline = e.baseline == index.row();
    auto ratio = [&](const std::optional<double>& r) {
        if (isBaseline)
            return sort ? QVariant(1.0) : QVariant(tr("baseline"));
        return sort ? QVariant(r.value_or(-1.0)) : QVariant(times(r));
    };
    switch (index.column()) {
    case RunColumn: return qint64(e.data.run.id);
    case VariantColumn: return qs(e.data.variant);
    case MacsColumn:
        if (!cost)
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(cost->macsPerSecond) : QVariant(perSecond(cost->macsPerSecond));
    case ParametersColumn:
        if (!cost)
            return sort ? QVariant(qint64(-1)) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(qint64(cost->parameters)) : QVariant(formatCount(cost->parameters));
    case BytesColumn: {
        if (!cost)
            return sort ? QVariant(qint64(-1)) : QVariant(QStringLiteral("–"));
        if (sort)
            return qint64(cost->parameterBytes);
        QStringList parts;
        for (const auto& [dtype, bytes] : cost->bytesByDtype)
            parts << QStringLiteral("%1 %2").arg(qs(dtype), formatBytes(bytes));
        return parts.join(QStringLiteral(" · "));
    }
    case DiskColumn:
        if (!cost)
            return sort ? QVariant(qint64(-1)) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(qint64(cost->bytesOnDisk)) : QVariant(formatBytes(cost->bytesOnDisk));
    case MemoryColumn:
        if (!s.peakMemoryBytes)
            return sort ? QVariant(qint64(-1)) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(qint64(*s.peakMemoryBytes)) : QVariant(formatBytes(*s.peakMemoryBytes));
    case MsColumn: {
        const bool clips = !e.data.clips.empty();
        const double ms = clips ? s.msPerClip : s.msPerChunk;
        return sort ? QVariant(ms) : QVariant(clips ? tr("%1 per clip").arg(formatNumber(ms, 2)) : tr("%1 per chunk").arg(formatNumber(ms, 3)));
    }
    case RtfColumn: return sort ? QVariant(s.realTimeFactor) : QVariant(formatNumber(s.realTimeFactor, 4));
    case SpeedRatioColumn: return ratio(e.ratios.speed);
    case MemoryRatioColumn: return ratio(e.ratios.memory);
    case MacsRatioColumn: return ratio(e.ratios.macs);
    case AreaDeltaColumn:
        if (isBaseline)
            return sort ? QVariant(0.0) : QVariant(tr("baseline"));
        if (!e.ratios.deltaArea)
            return sort ? QVariant(0.0) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(*e.ratios.deltaArea)
                    : QVariant((*e.ratios.deltaArea >= 0 ? QStringLiteral("+") : QString()) + formatArea(*e.ratios.deltaArea));
    }
    return {};
}

QString KwsCostModel::header(int column) const
{
    switch (column) {
    case RunColumn: return tr("Run");
    case VariantColumn: return tr("Variant");
    case MacsColumn: return tr("MACs/s");
    case ParametersColumn: return tr("Parameters");
    case BytesColumn: return tr("Parameter bytes");
    case DiskColumn: return tr("On disk");
    case MemoryColumn: return tr("Peak memory");
    case MsColumn: return tr("Time");
    case RtfColumn: return tr("RTF");
    case SpeedRatioColumn: return tr("Faster");
    case MemoryRatioColumn: return tr("Less memory");
    case MacsRatioColumn: return tr("Fewer MACs");
    case AreaDeltaColumn: return tr("Δ area");
    }
    return {};
}

QString KwsCostModel::headerToolTip(int column) const
{
    switch (column) {
    case MacsColumn:
        return tr("Multiply-accumulates per second of audio, counted from the package's layers (int8 layers like "
                  "their float versions)");
    case SpeedRatioColumn: return tr("The baseline's time per clip (or chunk) over this run's");
    case MemoryRatioColumn: return tr("The baseline's peak memory over this run's");
    case MacsRatioColumn: return tr("The baseline's MACs per second over this run's");
    case AreaDeltaColumn: return tr("This run's area minus the baseline's (negative is better)");
    default: return {};
    }
}

} // namespace vox::app
