#include "ui/pages/charts_page.h"

#include "app/session/comparison_session.h"
#include "ui/charts/report_writer.h"
#include "ui/pages/page_header.h"
#include "ui/window/page_registry.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vox::ui {

ChartsPage::ChartsPage(const PageInfo& info, app::ComparisonSession* comparison, app::KwsSession* kws, QWidget* parent)
    : QWidget(parent), m_comparison(comparison), m_kws(kws), m_tabs(new ComparisonChartTabs), m_empty(new QLabel)
{
    m_empty->setText(tr("Compare runs on the Results page; their charts appear here."));
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_empty);
    bar->addStretch(1);
    for (const char* suffix : {"png", "svg", "pdf"}) {
        auto* button = new QPushButton(tr("Export %1…").arg(QString::fromLatin1(suffix).toUpper()));
        button->setObjectName(QStringLiteral("export-") + QString::fromLatin1(suffix));
        connect(button, &QPushButton::clicked, this, [this, suffix] { chooseExport(QString::fromLatin1(suffix)); });
        bar->addWidget(button);
    }
    auto* report = new QPushButton(tr("Export report…"));
    report->setObjectName(QStringLiteral("exportReport"));
    connect(report, &QPushButton::clicked, this, &ChartsPage::chooseReport);
    bar->addWidget(report);

    auto* layout = new QVBoxLayout(this);
    addPageHeader(layout, info);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);

    connect(m_comparison, &app::ComparisonSession::comparisonChanged, this, &ChartsPage::rebuild);
}

void ChartsPage::rebuild()
{
    const auto comparison = m_comparison->comparison();
    m_tabs->draw(comparison ? app::chartData(*comparison) : app::ChartData{});
    m_empty->setText(tr("Compare runs on the Results page; their charts appear here."));
    m_empty->setVisible(!comparison || comparison->data.runs.empty());
    emit chartsUpdated();
}

Expected<QStringList> ChartsPage::exportReport(const QString& folder) const
{
    return writeReport(*m_comparison, m_kws, folder);
}

void ChartsPage::say(const QString& text)
{
    m_empty->setText(text);
    m_empty->show();
}

void ChartsPage::chooseExport(const QString& suffix)
{
    const auto chart = Chart(m_tabs->currentIndex());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), chartFileName(chart) + QLatin1Char('.') + suffix,
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (auto saved = exportChart(chart, path); !saved)
        say(QString::fromStdString(saved.error().describe()));
}

void ChartsPage::chooseReport()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export report into a folder"));
    if (folder.isEmpty())
        return;
    const auto files = exportReport(folder);
    say(files ? tr("Wrote %n file(s) into %1", nullptr, int(files->size())).arg(folder)
              : QString::fromStdString(files.error().describe()));
}

} // namespace vox::ui
