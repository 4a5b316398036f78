#include "app/results/breakdown_model.h"

#include "app/format/numbers.h"

namespace vox::app {

QStringList BreakdownModel::fields() const
{
    QStringList out;
    if (analysis())
        for (const auto& b : analysis()->breakdowns)
            out << QString::fromStdString(b.field);
    return out;
}

void BreakdownModel::setField(const QString& field)
{
    reset([&] {
        m_field = field;
        rebuild();
    });
}

QString BreakdownModel::field() const
{
    return m_breakdown ? QString::fromStdString(m_breakdown->field) : QString();
}

void BreakdownModel::rebuild()
{
    m_breakdown = nullptr;
    if (!analysis() || analysis()->breakdowns.empty())
        return;
    m_breakdown = &analysis()->breakdowns.front();
    for (const auto& b : analysis()->breakdowns)
        if (QString::fromStdString(b.field) == m_field)
            m_breakdown = &b;
}

int BreakdownModel::columns() const
{
    const int runs = comparison() ? int(comparison()->data.runs.size()) : 0;
    return runs == 0 ? 0 : FixedColumns + 2 * runs - 1;
}

std::pair<size_t, bool> BreakdownModel::runOfColumn(int column) const
{
    const int k = column - FixedColumns; // 0: run 0's WER; then delta and WER alternate per run
    if (k == 0)
        return {0, false};
    return {size_t((k + 1) / 2), k % 2 == 0};
}

QVariant BreakdownModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& row = m_breakdown->rows[size_t(index.row())];
    const int column = index.column();
    std::optional<double> rate, base;
    const scoring::Interval* interval = nullptr;
    bool isDelta = false;
    if (column >= FixedColumns) {
        const auto [run, delta] = runOfColumn(column);
        isDelta = delta;
        if (row.wer[run]) {
            interval = &*row.wer[run];
            rate = interval->estimate;
        }
        if (row.wer[0])
            base = row.wer[0]->estimate;
    }
    if (role == SortRole) {
        if (column == ValueColumn)
            return m_breakdown->field == "duration" ? QVariant(row.order) : QVariant(QString::fromStdString(row.value));
        if (column == UtterancesColumn)
            return qint64(row.rows.size());
        if (column == AudioColumn)
            return row.audioSeconds;
        if (isDelta)
            return rate && base ? *rate - *base : 0.0;
        return rate.value_or(-1.0);
    }
    if (role == Qt::DisplayRole) {
        if (column == ValueColumn)
            return QString::fromStdString(row.value);
        if (column == UtterancesColumn)
            return qint64(row.rows.size());
        if (column == AudioColumn)
            return formatDuration(row.audioSeconds);
        if (isDelta)
            return formatPoints(base, rate);
        return interval ? formatInterval(*interval) : QStringLiteral("–");
    }
    if (role == Qt::ToolTipRole && column >= FixedColumns)
        return isDelta ? tr("This run's WER on the group minus the baseline's")
                       : tr("WER over the group's utterances the run scored, with a 95 % bootstrap interval");
    if (role == Qt::TextAlignmentRole && column != ValueColumn)
        return rightAligned();
    return {};
}

std::optional<UtteranceSet> BreakdownModel::utterancesOf(int row) const
{
    if (row < 0 || row >= rows())
        return std::nullopt;
    const auto& r = m_breakdown->rows[size_t(row)];
    return UtteranceSet{tr("%1 = %2").arg(QString::fromStdString(m_breakdown->field), QString::fromStdString(r.value)),
                        r.rows};
}

QString BreakdownModel::header(int column) const
{
    switch (column) {
    case ValueColumn: return m_breakdown ? QString::fromStdString(m_breakdown->field) : tr("Value");
    case UtterancesColumn: return tr("Utterances");
    case AudioColumn: return tr("Audio");
    }
    const auto [run, delta] = runOfColumn(column);
    return delta ? tr("Δ %1").arg(variantName(run)) : tr("WER %1").arg(variantName(run));
}

} // namespace vox::app
