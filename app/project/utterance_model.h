#pragma once
// The utterances of one dataset as a table (id, duration, speaker, reference, extra fields such
// as a condition), read from the project store off the UI thread, and a filter over id,
// speaker, reference and extra text. The model keeps the records and formats a cell only when a
// view asks for it, so 100,000 rows cost one vector, not 500,000 items.
#include "core/store/project_store.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace vox::app {

struct UtteranceLoad {
    QString error; // empty when read
    qint64 datasetId = 0;
    std::shared_ptr<const std::vector<store::UtteranceRecord>> rows;
};

// Opens the project read-only and reads one dataset's utterances, on the global thread pool.
QFuture<UtteranceLoad> loadUtterances(const QString& projectPath, qint64 datasetId);

class UtteranceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, DurationColumn, SpeakerColumn, ReferenceColumn, ExtraColumn, ColumnCount };
    enum Role { AudioPathRole = Qt::UserRole + 1, SortRole };
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::shared_ptr<const std::vector<store::UtteranceRecord>> rows);
    const store::UtteranceRecord& record(int row) const { return (*m_rows)[size_t(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

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
