#include "ui/pages/diff_view.h"

#include "app/results/diff_format.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace vox::ui {

DiffView::DiffView(QWidget* parent) : QWidget(parent), m_against(new QComboBox), m_browser(new QTextBrowser)
{
    m_against->setObjectName(QStringLiteral("diffAgainstCombo"));
    m_against->addItem(tr("the reference"));
    m_against->addItem(tr("the baseline run"));
    m_browser->setObjectName(QStringLiteral("diffBrowser"));
    m_browser->setOpenLinks(false);
    m_browser->setPlaceholderText(tr("Select an utterance in the results to see each variant's words aligned."));
    auto* copyText = new QPushButton(tr("Copy as text"));
    auto* copyHtml = new QPushButton(tr("Copy as HTML"));
    copyText->setObjectName(QStringLiteral("copyDiffText"));
    copyHtml->setObjectName(QStringLiteral("copyDiffHtml"));

    auto* bar = new QHBoxLayout;
    auto* label = new QLabel(tr("Align against"));
    label->setBuddy(m_against);
    bar->addWidget(label);
    bar->addWidget(m_against);
    bar->addStretch(1);
    bar->addWidget(copyText);
    bar->addWidget(copyHtml);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_browser, 1);

    connect(m_against, &QComboBox::currentIndexChanged, this, &DiffView::render);
    connect(copyText, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_text); });
    connect(copyHtml, &QPushButton::clicked, this, [this] {
        auto* mime = new QMimeData;
        mime->setHtml(m_html);
        mime->setText(m_text);
        QApplication::clipboard()->setMimeData(mime);
    });
}

void DiffView::show(app::ComparisonPtr comparison, int row)
{
    m_comparison = std::move(comparison);
    m_row = row;
    render();
}

void DiffView::setAgainstBaseline(bool baseline)
{
    m_against->setCurrentIndex(baseline ? 1 : 0);
}

void DiffView::render()
{
    m_html.clear();
    m_text.clear();
    if (!m_comparison || m_row < 0 || size_t(m_row) >= m_comparison->data.rows.size()) {
        m_browser->clear();
        return;
    }
    std::vector<std::string> names;
    for (const auto& r : m_comparison->data.runs)
        names.push_back(r.variant);
    const auto& row = m_comparison->data.rows[size_t(m_row)];
    const auto lines = app::diffLines(row, names, m_against->currentIndex() == 1);
    m_html = app::diffHtml(row, lines);
    m_text = app::diffText(row, lines);
    m_browser->setHtml(m_html);
}

} // namespace vox::ui
