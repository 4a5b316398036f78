#include "app/profile/operator_table_model.h"

#include "app/format/numbers.h"

#include <QLocale>

#include <cmath>

namespace vox::app {

namespace {

QString ms(double value, int decimals = 2)
{
    return formatNumber(value, decimals);
}

QString percent(double share)
{
    return formatPercent(share);
}

} // namespace

void OperatorTableModel::setProfile(std::shared_ptr<const profile::OperatorProfile> profile, bool byShapes)
{
    reset([&] {
        m_profile = std::move(profile);
        m_byShapes = byShapes;
    });
}

const std::vector<profile::OperatorRow>* OperatorTableModel::rowList() const
{
    if (!m_profile)
        return nullptr;
    return m_byShapes ? &m_profile->byShape : &m_profile->byName;
}

int OperatorTableModel::rows() const
{
    return rowList() ? int(rowList()->size()) : 0;
}

QVariant OperatorTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& r = (*rowList())[size_t(index.row())];
    const auto& p = *m_profile;
    if (role == Qt::TextAlignmentRole)
        return index.column() >= CallsColumn ? rightAligned() : QVariant();
    if (role == Qt::ToolTipRole && r.pseudo)
        return r.name == profile::kInterpreterRow
                   ? tr("Time in TorchScript frames outside any operator: the interpreter's own work")
                   : tr("Time inside a stage but in no operator: the engine's own code between calls");
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
    case NameColumn: return QString::fromStdString(r.name);
    case ShapesColumn: return QString::fromStdString(r.shapes);
    case CallsColumn:
        if (r.pseudo)
            return sort ? QVariant(-1) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(qlonglong(r.calls)) : QVariant(formatCount(qlonglong(r.calls)));
    case SelfMsColumn: return sort ? QVariant(r.selfUs) : QVariant(ms(r.selfUs / 1000.0));
    case ShareColumn: return sort ? QVariant(p.share(r)) : QVariant(percent(p.share(r)));
    case TotalMsColumn: return sort ? QVariant(r.totalUs) : QVariant(ms(r.totalUs / 1000.0));
    case MflopColumn:
        if (r.flops <= 0)
            return sort ? QVariant(0.0) : QVariant(QStringLiteral("–"));
        return sort ? QVariant(double(r.flops)) : QVariant(ms(double(r.flops) / 1e6, 1));
    case FeaturesMsColumn:
    case EncoderMsColumn:
    case DecoderMsColumn: {
        const double us = r.stageSelfUs[size_t(index.column() - FeaturesMsColumn)];
        return sort ? QVariant(us) : QVariant(ms(us / 1000.0));
    }
    default: return {};
    }
}

QString OperatorTableModel::header(int column) const
{
    switch (column) {
    case NameColumn: return tr("Operator");
    case ShapesColumn: return tr("Input shapes");
    case CallsColumn: return tr("Calls");
    case SelfMsColumn: return tr("Self ms");
    case ShareColumn: return tr("Share");
    case TotalMsColumn: return tr("Total ms");
    case MflopColumn: return tr("MFLOP");
    case FeaturesMsColumn: return tr("Features ms");
    case EncoderMsColumn: return tr("Encoder ms");
    case DecoderMsColumn: return tr("Decoder ms");
    default: return {};
    }
}

void ProfileComparisonModel::setProfiles(std::shared_ptr<const profile::OperatorProfile> a,
                                         std::shared_ptr<const profile::OperatorProfile> b)
{
    reset([&] { m_data = a && b ? profile::compareProfiles(*a, *b) : profile::ProfileComparison{}; });
}

QVariant ProfileComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& r = m_data.rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() >= CallsAColumn ? rightAligned() : QVariant();
    if (role == PresenceRole)
        return int(r.presence);
    if (role == DeltaRole)
        return r.deltaMs();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    auto calls = [&](double v) { return r.pseudo ? (sort ? QVariant(-1.0) : QVariant(QStringLiteral("–"))) : (sort ? QVariant(v) : QVariant(ms(v, 1))); };
    switch (index.column()) {
    case NameColumn: return QString::fromStdString(r.name);
    case PresenceColumn:
        switch (r.presence) {
        case profile::Presence::OnlyA: return tr("removed");
        case profile::Presence::OnlyB: return tr("added");
        case profile::Presence::Both: return sort ? QVariant(QString()) : QVariant();
        }
        return {};
    case CallsAColumn: return calls(r.callsA);
    case CallsBColumn: return calls(r.callsB);
    case SelfMsAColumn: return sort ? QVariant(r.selfMsA) : QVariant(ms(r.selfMsA, 3));
    case SelfMsBColumn: return sort ? QVariant(r.selfMsB) : QVariant(ms(r.selfMsB, 3));
    case DeltaMsColumn:
        return sort ? QVariant(r.deltaMs())
                    : QVariant((r.deltaMs() > 0 ? QStringLiteral("+") : QString()) + ms(r.deltaMs(), 3));
    case ShareAColumn: return sort ? QVariant(r.shareA) : QVariant(percent(r.shareA));
    case ShareBColumn: return sort ? QVariant(r.shareB) : QVariant(percent(r.shareB));
    default: return {};
    }
}

QString ProfileComparisonModel::header(int column) const
{
    switch (column) {
    case NameColumn: return tr("Operator");
    case PresenceColumn: return tr("Change");
    case CallsAColumn: return tr("Calls A / utt.");
    case CallsBColumn: return tr("Calls B / utt.");
    case SelfMsAColumn: return tr("Self ms A / utt.");
    case SelfMsBColumn: return tr("Self ms B / utt.");
    case DeltaMsColumn: return tr("Δ ms / utt.");
    case ShareAColumn: return tr("Share A");
    case ShareBColumn: return tr("Share B");
    default: return {};
    }
}

void KernelTableModel::setProfiles(
    const std::vector<std::pair<QString, std::shared_ptr<const profile::OperatorProfile>>>& profiles)
{
    reset([&] {
        m_rows.clear();
        for (const auto& [label, p] : profiles)
            if (p)
                for (const auto& k : p->kernels)
                    m_rows.push_back({label, k, std::max<int64_t>(1, p->info.utterances)});
    });
}

QVariant KernelTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& r = m_rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() >= CallsColumn ? rightAligned() : QVariant();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
    case RunColumn: return r.run;
    case NameColumn: return QString::fromStdString(r.kernel.name);
    case CallsColumn: return sort ? QVariant(qlonglong(r.kernel.calls)) : QVariant(formatCount(qlonglong(r.kernel.calls)));
    case DeviceMsColumn: return sort ? QVariant(r.kernel.deviceUs) : QVariant(ms(r.kernel.deviceUs / 1000.0, 3));
    case PerUtteranceColumn: {
        const double v = r.kernel.deviceUs / 1000.0 / double(r.utterances);
        return sort ? QVariant(v) : QVariant(ms(v, 3));
    }
    default: return {};
    }
}

QString KernelTableModel::header(int column) const
{
    switch (column) {
    case RunColumn: return tr("Run");
    case NameColumn: return tr("Kernel");
    case CallsColumn: return tr("Calls");
    case DeviceMsColumn: return tr("Device ms");
    case PerUtteranceColumn: return tr("Device ms / utt.");
    default: return {};
    }
}

} // namespace vox::app
