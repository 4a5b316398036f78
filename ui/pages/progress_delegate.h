#pragma once
#include <QStyledItemDelegate>

namespace vox::ui {

// Paints a progress bar (the model's FractionRole) with the cell's text on it.
class ProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace vox::ui
