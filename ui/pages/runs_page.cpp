#include "ui/pages/runs_page.h"

#include "app/project/project_models.h"
#include "app/project/dataset_kind.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"
#include "ui/pages/page_header.h"
#include "ui/pages/progress_delegate.h"
#include "ui/pages/run_settings_form.h"
#include "ui/pages/trust_prompt.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace vox::ui {

RunsPage::RunsPage(const PageInfo& info, app::ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_dataset(new QComboBox)
    , m_variantList(new QListWidget)
    , m_form(new RunSettingsForm)
    , m_run(new QPushButton(tr("&Run")))
    , m_pause(new QPushButton(tr("&Pause")))
    , m_resume(new QPushButton(tr("Re&sume")))
    , m_cancel(new QPushButton(tr("&Cancel")))
    , m_status(new QLabel)
    , m_view(new QTableView)
    , m_card(new QPlainTextEdit)
{
    m_dataset->setObjectName(QStringLiteral("runDatasetCombo"));
    m_dataset->setModel(session->datasets());
    m_dataset->setModelColumn(app::DatasetTableModel::NameColumn);
    m_variantList->setObjectName(QStringLiteral("runVariantList"));
    m_variantList->setMaximumHeight(110);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setDefault(true);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_status->setObjectName(QStringLiteral("runStatusLabel"));
    m_status->setWordWrap(true);

    auto* box = new QGroupBox(tr("New run"));
    auto* boxLayout = new QHBoxLayout(box);
    auto* left = new QVBoxLayout;
    auto* datasetRow = new QHBoxLayout;
    auto* datasetLabel = new QLabel(tr("D&ataset"));
    datasetLabel->setBuddy(m_dataset);
    datasetRow->addWidget(datasetLabel);
    datasetRow->addWidget(m_dataset, 1);
    left->addLayout(datasetRow);
    left->addWidget(new QLabel(tr("Variants (each becomes a run)")));
    left->addWidget(m_variantList);
    boxLayout->addLayout(left, 2);
    auto* right = new QVBoxLayout;
    right->addWidget(m_form);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_status, 1);
    runRow->addWidget(m_run);
    right->addLayout(runRow);
    boxLayout->addLayout(right, 3);

    m_view->setObjectName(QStringLiteral("runView"));
    m_view->setModel(session->runs());
    m_view->setItemDelegateForColumn(app::RunListModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(app::RunListModel::IdColumn, 50);
    m_view->horizontalHeader()->resizeSection(app::RunListModel::VariantColumn, 180);
    m_view->horizontalHeader()->resizeSection(app::RunListModel::ProgressColumn, 160);
    m_view->horizontalHeader()->resizeSection(app::RunListModel::SettingsColumn, 340);

    m_card->setObjectName(QStringLiteral("runCardView"));
    m_card->setReadOnly(true);
    m_card->setPlaceholderText(tr("Select a run to read its card: every setting and environment fact it was measured with."));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Selected run:")));
    buttons->addWidget(m_pause);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);

    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_view);
    split->addWidget(m_card);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    lowerLayout->addWidget(split, 1);

    auto* layout = new QVBoxLayout(this);
    addPageHeader(layout, info);
    layout->addWidget(box);
    layout->addWidget(lower, 1);

    auto* runs = m_session->runs();
    auto* queue = m_session->queue();
    connect(m_session->variants(), &QAbstractItemModel::modelReset, this, &RunsPage::fillVariants);
    connect(m_variantList, &QListWidget::itemChanged, this, &RunsPage::updateButtons);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &RunsPage::fillVariants);
    connect(m_run, &QPushButton::clicked, this, &RunsPage::startRuns);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_session->queue()->pause(selectedRun()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_session->queue()->cancel(selectedRun()); });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const auto* r = m_session->runs()->run(selectedRun()))
            loadWithTrust(this, m_session, {r->variantId},
                          [queue = m_session->queue(), id = r->id, device = r->device] { queue->resume(id, device); });
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showCard();
        updateButtons();
    });
    connect(runs, &QAbstractItemModel::dataChanged, this, &RunsPage::updateButtons);
    connect(runs, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_selectAfterReload < 0)
            m_selectAfterReload = selectedRun(); // the same run stays selected across the reset
    });
    connect(runs, &QAbstractItemModel::modelReset, this, &RunsPage::updateButtons);
    connect(m_session, &app::ProjectSession::runsReloaded, this, &RunsPage::showRuns);
    connect(m_session, &app::ProjectSession::opened, this, [this] { m_selectAfterReload = -1; });

    connect(queue, &app::RunQueue::runsCreated, this, [this](const QList<qint64>& ids) {
        m_selectAfterReload = ids.value(0, -1); // the first new run, to watch it and reach its buttons
    });
    connect(queue, &app::RunQueue::createFailed, this, [this](const QString& message) {
        m_status->setText(tr("Could not start: %1").arg(message));
    });
    connect(queue, &app::RunQueue::runStopped, this, [this](qint64 id) {
        if (id == selectedRun())
            showCard();
    });
    updateButtons();
}

void RunsPage::showRuns()
{
    const auto* runs = m_session->runs();
    const qint64 selected = m_selectAfterReload >= 0 ? m_selectAfterReload : selectedRun();
    m_selectAfterReload = -1;
    const int row = runs->rowOf(selected >= 0 ? selected : (runs->runs().isEmpty() ? -1 : runs->runs().last().id));
    if (row >= 0)
        m_view->selectRow(row);
    emit runsReloaded();
}

void RunsPage::fillVariants()
{
    // A Whisper package runs over a speech dataset, a keyword spotter over clips or a stream: the
    // variants that do not fit the chosen dataset cannot be checked.
    const auto& datasets = m_session->datasets()->datasets();
    const int row = m_dataset->currentIndex();
    const bool keywordSet = row >= 0 && row < datasets.size() && app::isKeywordDataset(datasets[row].format);
    QList<qint64> checked;
    for (int i = 0; i < m_variantList->count(); ++i)
        if (m_variantList->item(i)->checkState() == Qt::Checked)
            checked << m_variantList->item(i)->data(Qt::UserRole).toLongLong();
    m_variantList->clear();
    for (const auto& v : m_session->variants()->variants()) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  (%2, %3)").arg(v.name, v.family, v.kind), m_variantList);
        item->setData(Qt::UserRole, v.id);
        const bool keywordVariant = v.family.startsWith(QLatin1String("kws"));
        if (keywordVariant == keywordSet) {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(v.id) ? Qt::Checked : Qt::Unchecked);
        } else {
            item->setFlags(Qt::NoItemFlags);
            item->setToolTip(keywordVariant ? tr("A keyword spotter: choose a clip set or a stream as the dataset")
                                            : tr("A speech model: choose a speech dataset"));
        }
    }
    updateButtons();
}

void RunsPage::startRuns()
{
    const int datasetRow = m_dataset->currentIndex();
    const auto& datasets = m_session->datasets()->datasets();
    if (datasetRow < 0 || datasetRow >= datasets.size())
        return;
    QList<qint64> variants;
    for (int i = 0; i < m_variantList->count(); ++i)
        if (m_variantList->item(i)->checkState() == Qt::Checked)
            variants << m_variantList->item(i)->data(Qt::UserRole).toLongLong();
    const auto settings = run::checked(m_form->settings());
    if (!settings) {
        m_status->setText(QString::fromStdString(settings.error().message));
        return;
    }
    const qint64 dataset = datasets[datasetRow].id;
    const auto start = [this, dataset, variants, settings = *settings] {
        m_status->setText(tr("Starting %n run(s)…", nullptr, int(variants.size())));
        m_session->queue()->start(dataset, variants, settings);
    };
    if (!loadWithTrust(this, m_session, variants, start))
        m_status->setText(tr("Not started: the packages from another machine were not allowed to load"));
}

qint64 RunsPage::selectedRun() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().data(app::RunListModel::RunIdRole).toLongLong();
}

void RunsPage::updateButtons()
{
    bool anyVariant = false;
    for (int i = 0; i < m_variantList->count(); ++i)
        anyVariant |= m_variantList->item(i)->checkState() == Qt::Checked;
    const bool readOnly = m_session->readOnly();
    m_run->setEnabled(m_session->isOpen() && !readOnly && m_dataset->currentIndex() >= 0 && anyVariant);
    m_run->setToolTip(m_session->readOnlyReason());
    const app::RunInfo* r = m_session->runs()->run(selectedRun());
    const bool active = r && r->active;
    const bool elsewhere = r && !r->elsewhere.isEmpty(); // another process executes it
    m_pause->setEnabled(active);
    m_cancel->setEnabled(active);
    m_resume->setEnabled(r && !active && !elsewhere && !readOnly && r->status != run::RunStatus::Finished);
    m_resume->setToolTip(readOnly ? m_session->readOnlyReason() : elsewhere ? r->elsewhere : QString());
    if (const int queued = m_session->queue()->activeCount(); queued > 0)
        m_status->setText(tr("%n run(s) queued or running", nullptr, queued));
}

void RunsPage::showCard()
{
    const app::RunInfo* r = m_session->runs()->run(selectedRun());
    if (!r) {
        m_card->clear();
        return;
    }
    QString text;
    if (!r->message.isEmpty())
        text += tr("Stopped: %1\n\n").arg(r->message);
    if (!r->notComparable.isEmpty())
        text += tr("Not comparable with the first run over %1: %2\n\n").arg(r->dataset, r->notComparable);
    text += QString::fromUtf8(QJsonDocument::fromJson(r->cardJson.toUtf8()).toJson(QJsonDocument::Indented));
    m_card->setPlainText(text);
}

} // namespace vox::ui
