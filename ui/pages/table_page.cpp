#include "ui/pages/table_page.h"

#include "ui/pages/empty_state_page.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

namespace vox::ui {

TablePage::TablePage(const QString& title, const QString& description, QAbstractItemModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_stack(new QStackedLayout(this))
    , m_empty(new EmptyStatePage(title, description))
    , m_content(new QWidget)
    , m_subtitle(new QLabel)
    , m_notice(new QLabel)
    , m_view(new QTableView)
{
    auto* heading = new QLabel(title);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    heading->setFont(font);
    heading->setObjectName(QStringLiteral("tableTitle"));
    m_subtitle->setObjectName(QStringLiteral("tableSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    m_notice->setObjectName(QStringLiteral("tableNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setMargin(8);
    m_notice->setAutoFillBackground(true);
    QPalette palette = m_notice->palette();
    palette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce)); // a quiet amber: read me, not an error
    palette.setColor(QPalette::WindowText, QColor(0x4a, 0x3b, 0x00));
    m_notice->setPalette(palette);
    m_notice->hide();

    m_view->setObjectName(QStringLiteral("table"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);

    auto* layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(heading);
    layout->addWidget(m_subtitle);
    layout->addSpacing(4);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_content);
    connect(model, &QAbstractItemModel::modelReset, this, &TablePage::updateState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TablePage::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TablePage::updateState);
    updateState();
}

void TablePage::setNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString TablePage::notice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void TablePage::setSubtitle(const QString& text)
{
    m_subtitle->setText(text);
}

void TablePage::updateState()
{
    const bool hasRows = m_model->rowCount() > 0;
    m_stack->setCurrentWidget(hasRows ? m_content : static_cast<QWidget*>(m_empty));
    if (hasRows) {
        // Every column fits its contents but the last, which takes the rest of the width and
        // elides (its full text is in the tooltip): no horizontal scrolling for a long description.
        for (int c = 0; c + 1 < m_model->columnCount(); ++c)
            m_view->resizeColumnToContents(c);
    }
}

} // namespace vox::ui
