#include "ui/pages/variants_page.h"

#include "app/project/project_models.h"
#include "app/session/project_session.h"
#include "ui/window/page_registry.h"

namespace vox::ui {

VariantsPage::VariantsPage(const PageInfo& info, app::ProjectSession* session, QWidget* parent)
    : TablePage(info.title, info.description, session->variants(), parent), m_session(session)
{
    connect(m_session, &app::ProjectSession::opened, this, &VariantsPage::projectOpened);
}

void VariantsPage::projectOpened()
{
    const auto& summary = m_session->summary();
    setSubtitle(tr("Variants: %1 · hover over a row for its package folder and source").arg(summary.variants.size()));
    setNotice(summary.hasDemoVariants()
                  ? tr("<b>Demo models.</b> The variants marked (demo) are small models VoxBench trained "
                       "here on synthetic speech (espeak-ng, flite and Festival voices). They are not "
                       "Whisper checkpoints and know only the demo's little vocabulary; bring real "
                       "checkpoints through tools/whisper/export.py.")
                  : QString());
}

} // namespace vox::ui
