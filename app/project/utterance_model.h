#pragma once
// The utterances of one dataset as a table (id, duration, speaker, reference, extra fields such
// as a condition), read from the project store off the UI thread, and a filter over id,
// speaker, reference and extra text. The model keeps the records and formats a cell only when a
// view asks for it, so 100,000 rows cost one vector, not 500,000 items.
#include "app/models/table_model.h"
#include "core/store/project_store.h"

#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace vox::app {

using UtteranceRows = std::shared_ptr<const std::vector<store::UtteranceRecord>>;

// Opens the project read-only and reads one dataset's utterances. Blocking: for a job.
Expected<UtteranceRows> readUtterances(const QString& projectPath, qint64 datasetId);

class UtteranceTableModel : public TableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, DurationColumn, SpeakerColumn, ReferenceColumn, ExtraColumn, ColumnCount };
    enum Role { AudioPathRole = Qt::UserRole + 1, SortRole };
    using TableModel::TableModel;

    void setRows(UtteranceRows rows);
    const store::UtteranceRecord& record(int row) const { return (*m_rows)[size_t(row)]; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return int(m_rows->size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    std::shared_ptr<const std::vector<store::UtteranceRecord>> m_rows =
        std::make_shared<const std::vector<store::UtteranceRecord>>();
};

// Rows whose id, speaker, reference or extra fields contain the filter text (case-insensitive),
// read from the records directly; sorts by SortRole (numbers as numbers).
class UtteranceFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit UtteranceFilterModel(QObject* parent = nullptr);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

// The extra fields of a record ({"condition": "noise"}) as "condition: noise; ...".
QString describeExtra(const std::string& extraJson);

} // namespace vox::app
