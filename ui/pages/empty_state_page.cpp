#include "ui/pages/empty_state_page.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vox::ui {

EmptyStatePage::EmptyStatePage(const QString& title, const QString& description, QWidget* parent)
    : QWidget(parent), m_actions(new QVBoxLayout), m_title(new QLabel(title, this)), m_description(new QLabel(description, this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setObjectName(QStringLiteral("pageTitle"));

    m_description->setWordWrap(true);
    m_description->setAlignment(Qt::AlignCenter);
    m_description->setForegroundRole(QPalette::PlaceholderText);
    m_description->setObjectName(QStringLiteral("pageDescription"));

    // The label spans the page (an alignment flag would break word-wrap's height); wide
    // margins keep its lines short.
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(96, 24, 96, 24);
    layout->addStretch(2);
    layout->addWidget(m_title);
    layout->addSpacing(8);
    layout->addWidget(m_description);
    layout->addSpacing(16);
    layout->addLayout(m_actions);
    layout->addStretch(3);
}

QString EmptyStatePage::title() const
{
    return m_title->text();
}

void EmptyStatePage::setDescription(const QString& text)
{
    m_description->setText(text);
}

void EmptyStatePage::addAction(QPushButton* button)
{
    m_actions->addWidget(button, 0, Qt::AlignHCenter);
}

QString EmptyStatePage::description() const
{
    return m_description->text();
}

} // namespace vox::ui
