#include "ui/pages/data_page.h"

#include "app/project/project_models.h"
#include "app/project/utterance_model.h"
#include "app/audio/utterance_audio.h"
#include "ui/pages/audio_view.h"
#include "ui/pages/table_page.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace vox::ui {

DataPage::DataPage(const QString& title, const QString& description, app::DatasetTableModel* datasets, QWidget* parent)
    : QWidget(parent)
    , m_datasets(datasets)
    , m_datasetsPage(new TablePage(title, description, datasets))
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

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_datasetsPage->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showDataset(current.row()); });
    connect(m_datasets, &QAbstractItemModel::modelReset, this, [this] {
        // Room for up to six datasets without scrolling; the utterances get the rest.
        QTableView* view = m_datasetsPage->view();
        const int rows = std::min(m_datasets->rowCount(), 6);
        view->setMinimumHeight(view->horizontalHeader()->sizeHint().height()
                               + std::max(rows, 1) * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth());
        if (m_datasets->rowCount() > 0)
            view->selectRow(0);
    });
    connect(m_utteranceView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DataPage::showUtteranceAudio);
    lower->setVisible(false);
    connect(m_datasets, &QAbstractItemModel::modelReset, lower, [this, lower] { lower->setVisible(m_datasets->rowCount() > 0); });
    updateCount();
}

void DataPage::setProject(const QString& path)
{
    m_projectPath = path;
    ++m_generation; // a load still running for the previous project is dropped
    m_utterances->setRows(nullptr);
    m_audio->clear();
    updateCount();
}

void DataPage::showDataset(int row)
{
    if (row < 0 || row >= m_datasets->rowCount() || m_projectPath.isEmpty())
        return;
    const qint64 id = m_datasets->datasets().at(row).id;
    const int generation = ++m_generation;
    m_count->setText(tr("Loading utterances…"));
    auto* watcher = new QFutureWatcher<app::UtteranceLoad>(this);
    connect(watcher, &QFutureWatcher<app::UtteranceLoad>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another dataset was chosen meanwhile
        const app::UtteranceLoad load = watcher->result();
        if (!load.error.isEmpty()) {
            m_utterances->setRows(nullptr);
            m_count->setText(tr("Could not read the utterances: %1").arg(load.error));
            emit utterancesFailed(load.datasetId, load.error);
            return;
        }
        m_utterances->setRows(load.rows);
        updateCount();
        if (m_filter->rowCount() > 0)
            m_utteranceView->selectRow(0); // its audio below, ready to play
        emit utterancesShown(load.datasetId, m_utterances->rowCount());
    });
    watcher->setFuture(app::loadUtterances(m_projectPath, id));
}

void DataPage::showUtteranceAudio()
{
    const QModelIndex current = m_utteranceView->selectionModel()->currentIndex();
    const int generation = ++m_audioGeneration;
    if (!current.isValid()) {
        m_audio->clear();
        return;
    }
    const auto& u = m_utterances->record(m_filter->mapToSource(current).row());
    auto* watcher = new QFutureWatcher<app::UtteranceAudio>(this);
    connect(watcher, &QFutureWatcher<app::UtteranceAudio>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_audioGeneration)
            return; // another utterance was selected meanwhile
        const auto audio = watcher->result();
        m_audio->setAudio(audio);
        emit audioShown(audio.utteranceId);
    });
    watcher->setFuture(app::loadUtteranceAudio(QString::fromStdString(u.uttId), QString::fromStdString(u.audioPath),
                                               u.start.value_or(0.0), u.end.value_or(-1.0)));
}

void DataPage::updateCount()
{
    const int all = m_utterances->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == all ? tr("%1 utterances").arg(QLocale().toString(all))
                                  : tr("%1 of %2 utterances").arg(QLocale().toString(shown), QLocale().toString(all)));
}

} // namespace vox::ui
