#include "app/results/utterance_results_model.h"

#include "app/format/numbers.h"

#include <algorithm>

namespace vox::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

void UtteranceResultsModel::setComparison(ComparisonPtr comparison)
{
    reset([&] { m_data = std::move(comparison); });
}

const run::ComparisonRow* UtteranceResultsModel::rowAt(int row) const
{
    if (!m_data || row < 0 || size_t(row) >= m_data->data.rows.size())
        return nullptr;
    return &m_data->data.rows[size_t(row)];
}

bool UtteranceResultsModel::hasErrors(int row) const
{
    const auto* r = rowAt(row);
    if (!r)
        return false;
    return std::any_of(r->cells.begin(), r->cells.end(),
                       [](const run::ComparisonCell& c) { return c.present && (!c.error.empty() || c.counts.errors() > 0); });
}

bool UtteranceResultsModel::noSpeechDetected(int row) const
{
    const auto* r = rowAt(row);
    return r && std::any_of(r->cells.begin(), r->cells.end(), [](const run::ComparisonCell& c) { return c.noSpeech; });
}

bool UtteranceResultsModel::changedAgainstBaseline(int row) const
{
    const auto* r = rowAt(row);
    if (!r || r->cells.size() < 2 || !r->cells[0].present)
        return false;
    auto words = [](const run::ComparisonCell& c) {
        std::vector<std::string> out;
        for (const auto& d : c.diff)
            if (!d.hyp.empty())
                out.push_back(d.hyp);
        return out;
    };
    const auto base = words(r->cells[0]);
    for (size_t k = 1; k < r->cells.size(); ++k)
        if (r->cells[k].present && (words(r->cells[k]) != base || r->cells[k].error != r->cells[0].error))
            return true;
    return false;
}

double UtteranceResultsModel::worstWer(int row) const
{
    const auto* r = rowAt(row);
    double worst = 0;
    if (!r)
        return worst;
    for (const auto& c : r->cells) {
        if (!c.present)
            continue;
        worst = std::max(worst, c.error.empty() ? run::cellWer(c).value_or(c.counts.insertions > 0 ? 1.0 : 0.0) : 1.0);
    }
    return worst;
}

QVariant UtteranceResultsModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const auto* r = rowAt(index.row());
    const int run = runOfColumn(index.column());
    if (run < 0) {
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole) {
            switch (index.column()) {
            case IdColumn: return qs(r->uttId);
            case ReferenceColumn: return qs(r->reference);
            case SecondsColumn:
                return role == SortRole ? QVariant(r->audioSeconds) : QVariant(formatNumber(r->audioSeconds, 2));
            }
        }
        if (role == Qt::TextAlignmentRole && index.column() == SecondsColumn)
            return rightAligned();
        return {};
    }
    const run::ComparisonCell& c = r->cells[size_t(run)];
    const int group = groupColumn(index.column());
    if (role == SortRole) {
        if (group == HypothesisColumn)
            return qs(c.hypothesis);
        if (!c.present)
            return -1.0;
        if (group == WerColumn)
            return c.error.empty() ? run::cellWer(c).value_or(0.0) : 2.0; // failed sorts last
        return c.ms;
    }
    if (role == Qt::DisplayRole) {
        if (!c.present)
            return QString();
        switch (group) {
        case HypothesisColumn: return c.error.empty() ? qs(c.hypothesis) : tr("failed: %1").arg(qs(c.error));
        case WerColumn: {
            if (!c.error.empty())
                return QString();
            const auto wer = run::cellWer(c);
            return formatPercent(wer, 0);
        }
        case TimeColumn: return formatNumber(c.ms, 1);
        }
    }
    if (role == Qt::ToolTipRole && c.present) {
        if (!c.error.empty())
            return qs(c.error);
        QString tip = tr("%1 correct, %2 substituted, %3 deleted, %4 inserted")
                          .arg(c.counts.correct).arg(c.counts.substitutions).arg(c.counts.deletions).arg(c.counts.insertions);
        if (c.noSpeechProbability)
            tip += QLatin1Char('\n')
                   + (c.noSpeech ? tr("No speech detected (no-speech probability %1)")
                                 : tr("No-speech probability %1"))
                         .arg(formatNumber(*c.noSpeechProbability, 3));
        return tip;
    }
    if (role == Qt::TextAlignmentRole && group != HypothesisColumn)
        return rightAligned();
    return {};
}

QString UtteranceResultsModel::header(int column) const
{
    const int run = runOfColumn(column);
    if (run < 0) {
        switch (column) {
        case IdColumn: return tr("Utterance");
        case ReferenceColumn: return tr("Reference");
        case SecondsColumn: return tr("Seconds");
        }
        return {};
    }
    if (!m_data || run >= runCount())
        return {};
    const QString variant = qs(m_data->data.runs[size_t(run)].variant);
    switch (groupColumn(column)) {
    case HypothesisColumn: return variant;
    case WerColumn: return tr("%1 WER").arg(variant);
    case TimeColumn: return tr("%1 ms").arg(variant);
    }
    return {};
}

UtteranceResultsFilter::UtteranceResultsFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(UtteranceResultsModel::SortRole);
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, [this] {
        recomputeWorst();
        if (sourceModel())
            connect(sourceModel(), &QAbstractItemModel::modelReset, this, [this] {
                recomputeWorst();
                invalidateFilter();
            });
    });
}

UtteranceResultsModel* UtteranceResultsFilter::results() const
{
    return qobject_cast<UtteranceResultsModel*>(sourceModel());
}

void UtteranceResultsFilter::setMode(Mode mode, int worstN)
{
    m_mode = mode;
    m_worstN = std::max(1, worstN);
    recomputeWorst();
    invalidateFilter();
}

void UtteranceResultsFilter::setText(const QString& text)
{
    m_text = text;
    invalidateFilter();
}

void UtteranceResultsFilter::setUtteranceSet(std::optional<UtteranceSet> set)
{
    m_set = std::move(set);
    m_inSet.clear();
    if (m_set)
        for (size_t r : m_set->rows) {
            if (r >= m_inSet.size())
                m_inSet.resize(r + 1, false);
            m_inSet[r] = true;
        }
    invalidateFilter();
    emit utteranceSetChanged();
}

void UtteranceResultsFilter::recomputeWorst()
{
    m_worstRows.clear();
    auto* model = results();
    if (!model || m_mode != Mode::WorstN)
        return;
    const int n = model->rowCount();
    std::vector<std::pair<double, int>> order;
    order.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        order.emplace_back(-model->worstWer(i), i); // worst first, then the earlier row
    const size_t keep = std::min(order.size(), size_t(m_worstN));
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(keep), order.end());
    m_worstRows.assign(size_t(n), false);
    for (size_t i = 0; i < keep; ++i)
        m_worstRows[size_t(order[i].second)] = true;
}

bool UtteranceResultsFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    auto* model = results();
    if (!model)
        return true;
    if (m_set && (size_t(sourceRow) >= m_inSet.size() || !m_inSet[size_t(sourceRow)]))
        return false;
    switch (m_mode) {
    case Mode::All: break;
    case Mode::ErrorsOnly:
        if (!model->hasErrors(sourceRow))
            return false;
        break;
    case Mode::ChangedAgainstBaseline:
        if (!model->changedAgainstBaseline(sourceRow))
            return false;
        break;
    case Mode::WorstN:
        if (size_t(sourceRow) >= m_worstRows.size() || !m_worstRows[size_t(sourceRow)])
            return false;
        break;
    case Mode::NoSpeech:
        if (!model->noSpeechDetected(sourceRow))
            return false;
        break;
    }
    if (m_text.isEmpty())
        return true;
    const auto* row = model->rowAt(sourceRow);
    if (QString::fromStdString(row->uttId).contains(m_text, Qt::CaseInsensitive)
        || QString::fromStdString(row->reference).contains(m_text, Qt::CaseInsensitive))
        return true;
    return std::any_of(row->cells.begin(), row->cells.end(), [&](const run::ComparisonCell& c) {
        return QString::fromStdString(c.hypothesis).contains(m_text, Qt::CaseInsensitive);
    });
}

} // namespace vox::app
