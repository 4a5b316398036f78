#pragma once
// The part every flat table model of the workbench writes the same way: no children, a row
// count, a fixed or computed column count, horizontal headers by column, and a reset that
// replaces all rows at once. Subclasses say how many rows and what each cell and header is.
#include <QAbstractTableModel>

namespace vox::app {

class TableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const final { return parent.isValid() ? 0 : rows(); }
    int columnCount(const QModelIndex& parent = {}) const final { return parent.isValid() ? 0 : columns(); }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    virtual int rows() const = 0;
    virtual int columns() const = 0;
    virtual QString header(int column) const = 0;
    virtual QString headerToolTip(int /*column*/) const { return {}; }

    // True when `index` names a cell of this model (valid, no parent, in range).
    bool isCell(const QModelIndex& index) const
    {
        return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid);
    }
    // Replaces the rows in one step: `change` runs between begin and end of a model reset.
    template <typename Change>
    void reset(Change&& change)
    {
        beginResetModel();
        change();
        endResetModel();
    }
    // The alignment numbers get.
    static QVariant rightAligned() { return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter); }
};

} // namespace vox::app
