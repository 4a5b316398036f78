#pragma once
#include <QWidget>

namespace vox::app {
class ComparisonSession;
}

namespace vox::ui {

class DiffView;
struct PageInfo;

// The Diff page: the word alignments of the utterance the comparison looks at (chosen on the
// Results page), every compared run stacked, larger than the Results page's pane.
class DiffPage : public QWidget {
    Q_OBJECT
public:
    DiffPage(const PageInfo& info, app::ComparisonSession* comparison, QWidget* parent = nullptr);

    DiffView* view() const { return m_view; }

private:
    DiffView* m_view;
};

} // namespace vox::ui
