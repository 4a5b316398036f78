#include "app/kws/kws_clip_model.h"

#include "app/format/numbers.h"

#include <unordered_map>

namespace vox::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

void KwsClipModel::setEntries(KwsEntries entries)
{
    reset([&] {
        m_entries = std::move(entries);
        m_runs.clear();
        m_rowOf.clear();
        if (!m_entries)
            return;
        int64_t dataset = -1;
        for (int i = 0; i < int(m_entries->size()); ++i) {
            const auto& d = (*m_entries)[size_t(i)].data;
            if (d.clips.empty())
                continue;
            if (dataset < 0)
                dataset = d.run.datasetId;
            if (d.run.datasetId == dataset)
                m_runs << i;
        }
        if (m_runs.isEmpty())
            return;
        const auto& first = (*m_entries)[size_t(m_runs.first())].data.clips;
        for (int run : m_runs) {
            std::unordered_map<int64_t, int> at;
            const auto& clips = (*m_entries)[size_t(run)].data.clips;
            for (int i = 0; i < int(clips.size()); ++i)
                at[clips[size_t(i)].utteranceId] = i;
            std::vector<int> rowOf(first.size(), -1);
            for (size_t r = 0; r < first.size(); ++r)
                if (auto it = at.find(first[r].utteranceId); it != at.end())
                    rowOf[r] = it->second;
            m_rowOf.push_back(std::move(rowOf));
        }
    });
}

void KwsClipModel::refresh()
{
    if (rows() > 0)
        emit dataChanged(index(0, 0), index(rows() - 1, columns() - 1));
}

const run::KwsClipRow* KwsClipModel::cell(int row, int run) const
{
    if (run < 0 || run >= m_runs.size() || row < 0 || size_t(row) >= m_rowOf[size_t(run)].size())
        return nullptr;
    const int at = m_rowOf[size_t(run)][size_t(row)];
    return at < 0 ? nullptr : &(*m_entries)[size_t(m_runs[run])].data.clips[size_t(at)];
}

const run::KwsClipRow* KwsClipModel::clip(int row) const
{
    return cell(row, 0);
}

ClipOutcome KwsClipModel::outcome(int row, int run) const
{
    const auto* c = cell(row, run);
    if (!c || !c->error.empty())
        return ClipOutcome::Failed;
    const double threshold = (*m_entries)[size_t(m_runs[run])].live.threshold;
    if (c->isKeyword && c->keywordProbability < threshold)
        return ClipOutcome::Miss;
    if (!c->isKeyword && c->keywordProbability >= threshold)
        return ClipOutcome::FalseAlarm;
    return ClipOutcome::Correct;
}

QVariant KwsClipModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const int column = index.column();
    if (column < FixedColumns) {
        const auto* c = clip(index.row());
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return column == ClipColumn ? qs(c->clipId) : qs(c->label) + (c->isKeyword ? tr(" (keyword)") : QString());
        return {};
    }
    const int run = (column - FixedColumns) / GroupColumns;
    const int group = (column - FixedColumns) % GroupColumns;
    const auto* c = cell(index.row(), run);
    if (!c)
        return {};
    if (role == Qt::TextAlignmentRole && group == ProbabilityColumn)
        return rightAligned();
    if (role == Qt::ToolTipRole)
        return c->error.empty() ? tr("predicted: %1").arg(qs(c->predicted)) : qs(c->error);
    const ClipOutcome o = outcome(index.row(), run);
    if (role == OutcomeRole)
        return int(o);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    if (group == ProbabilityColumn) {
        if (!c->error.empty())
            return role == SortRole ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return role == SortRole ? QVariant(c->keywordProbability) : QVariant(formatNumber(c->keywordProbability, 4));
    }
    switch (o) {
    case ClipOutcome::Correct: return tr("ok");
    case ClipOutcome::FalseAlarm: return tr("false alarm");
    case ClipOutcome::Miss: return tr("miss");
    case ClipOutcome::Failed: return tr("failed");
    }
    return {};
}

QString KwsClipModel::header(int column) const
{
    if (column == ClipColumn)
        return tr("Clip");
    if (column == LabelColumn)
        return tr("Label");
    const int run = (column - FixedColumns) / GroupColumns;
    const QString variant = qs((*m_entries)[size_t(m_runs[run])].data.variant);
    return (column - FixedColumns) % GroupColumns == ProbabilityColumn ? tr("%1 p(keyword)").arg(variant)
                                                                       : tr("%1 at threshold").arg(variant);
}

KwsClipFilter::KwsClipFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(KwsClipModel::SortRole);
}

void KwsClipFilter::setMode(Mode mode)
{
    m_mode = mode;
    invalidateFilter();
}

void KwsClipFilter::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool KwsClipFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const auto* model = qobject_cast<const KwsClipModel*>(sourceModel());
    if (!model)
        return true;
    if (m_mode != Mode::All) {
        const ClipOutcome wanted = m_mode == Mode::FalseAlarms ? ClipOutcome::FalseAlarm : ClipOutcome::Miss;
        bool any = false;
        for (int run = 0; run < model->runs().size() && !any; ++run)
            any = model->outcome(sourceRow, run) == wanted;
        if (!any)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    const auto* c = model->clip(sourceRow);
    return QString::fromStdString(c->clipId).contains(m_text, Qt::CaseInsensitive)
           || QString::fromStdString(c->label).contains(m_text, Qt::CaseInsensitive);
}

} // namespace vox::app
