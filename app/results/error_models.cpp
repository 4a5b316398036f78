#include "app/results/error_models.h"

#include "app/format/numbers.h"

#include <QCoreApplication>

namespace vox::app {

namespace {

QString kindName(scoring::EditOp op)
{
    switch (op) {
    case scoring::EditOp::Substitution: return QCoreApplication::translate("vox::app::ConfusionModel", "substitution");
    case scoring::EditOp::Insertion: return QCoreApplication::translate("vox::app::ConfusionModel", "insertion");
    case scoring::EditOp::Deletion: return QCoreApplication::translate("vox::app::ConfusionModel", "deletion");
    case scoring::EditOp::Correct: break;
    }
    return {};
}

QString signalName(run::HallucinationKind kind)
{
    switch (kind) {
    case run::HallucinationKind::MuchLonger: return QCoreApplication::translate("vox::app::HallucinationModel", "much longer than the reference");
    case run::HallucinationKind::RepeatedNgram: return QCoreApplication::translate("vox::app::HallucinationModel", "repeated n-gram");
    case run::HallucinationKind::TextOnNoSpeech: return QCoreApplication::translate("vox::app::HallucinationModel", "text where there is no speech");
    }
    return {};
}

} // namespace

void ConfusionModel::rebuild()
{
    m_rows.clear();
    if (!analysis())
        return;
    for (size_t k = 0; k < analysis()->confusions.size(); ++k)
        for (const auto& pair : analysis()->confusions[k])
            m_rows.push_back({k, &pair});
}

int ConfusionModel::rowOf(size_t run, const std::string& ref, const std::string& hyp) const
{
    for (size_t r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].run == run && m_rows[r].pair->ref == ref && m_rows[r].pair->hyp == hyp)
            return int(r);
    return -1;
}

QVariant ConfusionModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const auto& p = *row.pair;
    const bool isNew = row.run > 0 && p.isNew();
    if (role == SortRole) {
        switch (index.column()) {
        case VariantColumn: return qint64(row.run);
        case KindColumn: return int(p.kind);
        case CountColumn: return qint64(p.count);
        case BaselineColumn: return qint64(p.baseline);
        case NewColumn: return isNew ? 1 : 0;
        default: role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case VariantColumn: return row.run == 0 ? tr("%1 (baseline)").arg(variantName(0)) : variantName(row.run);
        case KindColumn: return kindName(p.kind);
        case ReferenceColumn: return QString::fromStdString(p.ref);
        case HypothesisColumn: return QString::fromStdString(p.hyp);
        case CountColumn: return qint64(p.count);
        case BaselineColumn: return row.run == 0 ? QVariant() : QVariant(qint64(p.baseline));
        case NewColumn: return isNew ? tr("new") : QString();
        }
    }
    if (role == Qt::ToolTipRole && index.column() == NewColumn && isNew)
        return tr("The baseline never makes this error");
    if (role == Qt::TextAlignmentRole && (index.column() == CountColumn || index.column() == BaselineColumn))
        return rightAligned();
    return {};
}

std::optional<UtteranceSet> ConfusionModel::utterancesOf(int row) const
{
    if (row < 0 || row >= rows())
        return std::nullopt;
    const Row& r = m_rows[size_t(row)];
    const auto& p = *r.pair;
    QString pair;
    switch (p.kind) {
    case scoring::EditOp::Insertion: pair = tr("inserted \"%1\"").arg(QString::fromStdString(p.hyp)); break;
    case scoring::EditOp::Deletion: pair = tr("deleted \"%1\"").arg(QString::fromStdString(p.ref)); break;
    default: pair = QStringLiteral("%1 → %2").arg(QString::fromStdString(p.ref), QString::fromStdString(p.hyp));
    }
    return UtteranceSet{QStringLiteral("%1: %2").arg(variantName(r.run), pair),
                        run::rowsWithConfusion(comparison()->data, r.run, p)};
}

QString ConfusionModel::header(int column) const
{
    switch (column) {
    case VariantColumn: return tr("Variant");
    case KindColumn: return tr("Error");
    case ReferenceColumn: return tr("Reference");
    case HypothesisColumn: return tr("Hypothesis");
    case CountColumn: return tr("Count");
    case BaselineColumn: return tr("In the baseline");
    case NewColumn: return tr("New");
    }
    return {};
}

QVariant HallucinationModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto& s = analysis()->hallucinations[size_t(index.row())];
    const auto& row = comparison()->data.rows[s.row];
    if (role == SortRole) {
        switch (index.column()) {
        case VariantColumn: return qint64(s.run);
        case UtteranceColumn: return qint64(s.row);
        case SignalColumn: return int(s.kind);
        default: role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case VariantColumn: return variantName(s.run);
        case UtteranceColumn: return QString::fromStdString(row.uttId);
        case SignalColumn: return signalName(s.kind);
        case DetailColumn: return QString::fromStdString(s.detail);
        case HypothesisColumn: return QString::fromStdString(row.cells[s.run].hypothesis);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == HypothesisColumn)
        return tr("Reference: %1").arg(QString::fromStdString(row.reference));
    if (role == Qt::ToolTipRole && index.column() == DetailColumn)
        return tr("Words are counted after the comparison's normalizer (%1)").arg(QString::fromStdString(comparison()->data.normalizer));
    return {};
}

std::optional<UtteranceSet> HallucinationModel::utterancesOf(int row) const
{
    if (row < 0 || row >= rows())
        return std::nullopt;
    const auto& all = analysis()->hallucinations;
    const auto& s = all[size_t(row)];
    UtteranceSet set{QStringLiteral("%1: %2").arg(variantName(s.run), signalName(s.kind)), {}, int(s.row)};
    for (const auto& other : all)
        if (other.run == s.run && other.kind == s.kind)
            set.rows.push_back(other.row);
    return set;
}

QString HallucinationModel::header(int column) const
{
    switch (column) {
    case VariantColumn: return tr("Variant");
    case UtteranceColumn: return tr("Utterance");
    case SignalColumn: return tr("Signal");
    case DetailColumn: return tr("Detail");
    case HypothesisColumn: return tr("Hypothesis");
    }
    return {};
}

} // namespace vox::app
