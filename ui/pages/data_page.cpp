#include "ui/pages/data_page.h"

#include "app/format/numbers.h"
#include "app/project/project_models.h"
#include "app/session/project_session.h"
#include "ui/pages/audio_view.h"
#include "ui/pages/table_page.h"
#include "ui/window/page_registry.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace vox::ui {

DataPage::DataPage(const PageInfo& info, app::ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_datasetsPage(new TablePage(info.title, info.description, session->datasets()))
    , m_utterances(new app::UtteranceTableModel(this))
    , m_filter(new app::UtteranceFilterModel(this))
    , m_filterEdit(new QLineEdit)
    , m_count(new QLabel)
    , m_utteranceView(new QTableView)
    , m_audio(new AudioView)
{
    m_audio->setObjectName(QStringLiteral("audioView"));
    m_filter->setSourceModel(m_utterances);
    m_filterEdit->setObjectName(QStringLiteral("utteranceFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter by id, speaker, reference or other fields"));
    m_filterEdit->setClearButtonEnabled(true);
    m_count->setObjectName(QStringLiteral("utteranceCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_utteranceView->setObjectName(QStringLiteral("utteranceView"));
    m_utteranceView->setModel(m_filter);
    m_utteranceView->setSortingEnabled(true);
    m_utteranceView->sortByColumn(-1, Qt::AscendingOrder); // store order until a header is clicked
    m_utteranceView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_utteranceView->setAlternatingRowColors(true);
    m_utteranceView->setWordWrap(false);
    m_utteranceView->verticalHeader()->hide();
    // Fixed row heights and no per-row size hints: scrolling 100,000 rows asks only for what is shown.
    m_utteranceView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_utteranceView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    auto* header = m_utteranceView->horizontalHeader();
    header->setStretchLastSection(true);
    header->resizeSection(app::UtteranceTableModel::IdColumn, 150);
    header->resizeSection(app::UtteranceTableModel::DurationColumn, 80);
    header->resizeSection(app::UtteranceTableModel::SpeakerColumn, 200);
    header->resizeSection(app::UtteranceTableModel::ReferenceColumn, 420);

    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(16, 0, 16, 12);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_count);
    lowerLayout->addLayout(bar);
    auto* utteranceSplit = new QSplitter(Qt::Vertical);
    utteranceSplit->addWidget(m_utteranceView);
    utteranceSplit->addWidget(m_audio);
    utteranceSplit->setStretchFactor(0, 3);
    utteranceSplit->setStretchFactor(1, 2);
    lowerLayout->addWidget(utteranceSplit, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_datasetsPage);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    auto* datasets = m_session->datasets();
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_datasetsPage->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showDataset(current.row()); });
    // Before the rows are shown: what was loaded for the previous rows no longer applies.
    connect(datasets, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_utteranceRead.abandon();
        m_audioRead.abandon();
        m_utterances->setRows(nullptr);
        m_audio->clear();
        updateCount();
    });
    connect(datasets, &QAbstractItemModel::modelReset, this, [this, datasets] {
        // Room for up to six datasets without scrolling; the utterances get the rest.
        QTableView* view = m_datasetsPage->view();
        const int rows = std::min(datasets->rowCount(), 6);
        view->setMinimumHeight(view->horizontalHeader()->sizeHint().height()
                               + std::max(rows, 1) * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth());
        if (datasets->rowCount() > 0)
            view->selectRow(0);
    });
    connect(m_session, &app::ProjectSession::opened, this, &DataPage::projectOpened);
    connect(m_utteranceView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DataPage::showUtteranceAudio);
    lower->setVisible(false);
    connect(datasets, &QAbstractItemModel::modelReset, lower, [lower, datasets] { lower->setVisible(datasets->rowCount() > 0); });
    updateCount();
}

void DataPage::projectOpened()
{
    const auto& summary = m_session->summary();
    m_datasetsPage->setSubtitle(tr("Datasets: %1 · utterances: %2 · %3")
                                    .arg(summary.datasets.size())
                                    .arg(app::formatCount(summary.utteranceCount()), summary.path));
}

void DataPage::showDataset(int row)
{
    const auto& datasets = m_session->datasets()->datasets();
    if (row < 0 || row >= datasets.size() || !m_session->isOpen())
        return;
    const qint64 id = datasets.at(row).id;
    const QString path = m_session->path();
    m_count->setText(tr("Loading utterances…"));
    m_utteranceRead.start([path, id](const app::JobContext&) { return app::readUtterances(path, id); },
                          [this, id](Expected<app::UtteranceRows> rows) {
                              if (!rows) {
                                  const QString error = QString::fromStdString(rows.error().describe());
                                  m_utterances->setRows(nullptr);
                                  m_count->setText(tr("Could not read the utterances: %1").arg(error));
                                  emit utterancesFailed(id, error);
                                  return;
                              }
                              m_utterances->setRows(*rows);
                              updateCount();
                              if (m_filter->rowCount() > 0)
                                  m_utteranceView->selectRow(0); // its audio below, ready to play
                              emit utterancesShown(id, m_utterances->rowCount());
                          });
}

void DataPage::showUtteranceAudio()
{
    const QModelIndex current = m_utteranceView->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_audioRead.abandon();
        m_audio->clear();
        return;
    }
    const auto& u = m_utterances->record(m_filter->mapToSource(current).row());
    const QString id = QString::fromStdString(u.uttId), file = QString::fromStdString(u.audioPath);
    const double start = u.start.value_or(0.0), end = u.end.value_or(-1.0);
    m_audioRead.start([=](const app::JobContext&) { return app::readUtteranceAudio(id, file, start, end); },
                      [this, id](Expected<app::UtteranceAudio> audio) {
                          m_audio->setAudio(std::move(audio));
                          emit audioShown(id);
                      });
}

void DataPage::updateCount()
{
    const int all = m_utterances->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == all ? tr("%1 utterances").arg(app::formatCount(all))
                                  : tr("%1 of %2 utterances").arg(app::formatCount(shown), app::formatCount(all)));
}

} // namespace vox::ui
