#pragma once
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace vox::app {
class DatasetTableModel;
class UtteranceFilterModel;
class UtteranceTableModel;
} // namespace vox::app

namespace vox::ui {

class AudioView;
class TablePage;

// The Data page: the project's datasets above, the selected dataset's utterances below (read
// off the UI thread), with a filter over id, speaker, reference and other fields.
class DataPage : public QWidget {
    Q_OBJECT
public:
    DataPage(const QString& title, const QString& description, app::DatasetTableModel* datasets,
             QWidget* parent = nullptr);

    TablePage* datasetsTable() const { return m_datasetsPage; }
    QTableView* utteranceView() const { return m_utteranceView; }
    app::UtteranceTableModel* utteranceModel() const { return m_utterances; }
    app::UtteranceFilterModel* utteranceFilter() const { return m_filter; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    AudioView* audioView() const { return m_audio; }

    // The project the dataset rows will belong to: call it before the dataset model is reset.
    // Once the rows arrive the first dataset is selected and its utterances loaded.
    void setProject(const QString& path);

signals:
    void utterancesShown(qint64 datasetId, int count);
    void audioShown(const QString& utteranceId);
    void utterancesFailed(qint64 datasetId, const QString& error);

private:
    void showDataset(int row);
    void updateCount();
    void showUtteranceAudio();

    app::DatasetTableModel* m_datasets;
    TablePage* m_datasetsPage;
    app::UtteranceTableModel* m_utterances;
    app::UtteranceFilterModel* m_filter;
    QLineEdit* m_filterEdit;
    QLabel* m_count;
    QTableView* m_utteranceView;
    AudioView* m_audio;
    int m_audioGeneration = 0;
    QString m_projectPath;
    int m_generation = 0;
};

} // namespace vox::ui
