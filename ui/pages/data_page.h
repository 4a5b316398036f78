#pragma once
#include "app/audio/utterance_audio.h"
#include "app/jobs/job.h"
#include "app/project/utterance_model.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace vox::app {
class ProjectSession;
} // namespace vox::app

namespace vox::ui {

class AudioView;
class TablePage;
struct PageInfo;

// The Data page: the project's datasets above, the selected dataset's utterances below (read
// off the UI thread), with a filter over id, speaker, reference and other fields.
class DataPage : public QWidget {
    Q_OBJECT
public:
    DataPage(const PageInfo& info, app::ProjectSession* session, QWidget* parent = nullptr);

    TablePage* datasetsTable() const { return m_datasetsPage; }
    QTableView* utteranceView() const { return m_utteranceView; }
    app::UtteranceTableModel* utteranceModel() const { return m_utterances; }
    app::UtteranceFilterModel* utteranceFilter() const { return m_filter; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    AudioView* audioView() const { return m_audio; }

signals:
    void utterancesShown(qint64 datasetId, int count);
    void audioShown(const QString& utteranceId);
    void utterancesFailed(qint64 datasetId, const QString& error);

private:
    void projectOpened();
    void showDataset(int row);
    void updateCount();
    void showUtteranceAudio();

    app::ProjectSession* m_session;
    TablePage* m_datasetsPage;
    app::UtteranceTableModel* m_utterances;
    app::UtteranceFilterModel* m_filter;
    QLineEdit* m_filterEdit;
    QLabel* m_count;
    QTableView* m_utteranceView;
    AudioView* m_audio;
    app::Job<app::UtteranceRows> m_utteranceRead; // the selected dataset's; the latest wins
    app::Job<app::UtteranceAudio> m_audioRead;    // the selected utterance's
};

} // namespace vox::ui
