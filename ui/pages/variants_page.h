#pragma once
#include "ui/pages/table_page.h"

namespace vox::app {
class ProjectSession;
}

namespace vox::ui {

struct PageInfo;

// The Variants page: the project's model variants with the facts of their manifests, and a
// plain notice when some are VoxBench's demo models (trained here on synthetic speech).
class VariantsPage : public TablePage {
    Q_OBJECT
public:
    VariantsPage(const PageInfo& info, app::ProjectSession* session, QWidget* parent = nullptr);

private:
    void projectOpened();

    app::ProjectSession* m_session;
};

} // namespace vox::ui
