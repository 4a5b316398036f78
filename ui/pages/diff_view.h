#pragma once
#include "app/results/comparison.h"

#include <QWidget>

class QComboBox;
class QTextBrowser;

namespace vox::ui {

// One utterance's word alignments, every compared run stacked: against the reference or
// against the baseline run (the first). Long lines wrap. Copies as text or HTML.
class DiffView : public QWidget {
    Q_OBJECT
public:
    explicit DiffView(QWidget* parent = nullptr);

    // `row`: an index into the comparison's rows; -1 clears.
    void show(app::ComparisonPtr comparison, int row);
    void setAgainstBaseline(bool baseline);

    QString html() const { return m_html; }
    QString text() const { return m_text; }
    QTextBrowser* browser() const { return m_browser; }

private:
    void render();

    QComboBox* m_against;
    QTextBrowser* m_browser;
    app::ComparisonPtr m_comparison;
    int m_row = -1;
    QString m_html, m_text;
};

} // namespace vox::ui
