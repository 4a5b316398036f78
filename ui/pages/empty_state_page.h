#pragma once
#include <QWidget>

class QLabel;

namespace vox::ui {

// What a page shows while it has nothing to show: its title and what it will hold.
class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    EmptyStatePage(const QString& title, const QString& description, QWidget* parent = nullptr);

    QString title() const;
    QString description() const;

private:
    QLabel* m_title;
    QLabel* m_description;
};

} // namespace vox::ui
