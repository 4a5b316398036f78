#pragma once
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace vox::ui {

// What a page shows while it has nothing to show: its title, what it will hold, and the
// actions that lead there.
class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    EmptyStatePage(const QString& title, const QString& description, QWidget* parent = nullptr);

    QString title() const;
    QString description() const;
    void setDescription(const QString& text);
    // A button under the description, centred (the page's next step).
    void addAction(QPushButton* button);

private:
    QVBoxLayout* m_actions;
    QLabel* m_title;
    QLabel* m_description;
};

} // namespace vox::ui
