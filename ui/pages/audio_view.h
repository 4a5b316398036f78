#pragma once
#include "app/audio/utterance_audio.h"

#include <QImage>
#include <QWidget>

class QAudioOutput;
class QBuffer;
class QLabel;
class QMediaPlayer;
class QPushButton;

namespace vox::ui {

// The selected utterance's waveform above its log-mel spectrogram, with a playhead; plays
// the utterance (its time span only) through QtMultimedia. Clicking the picture seeks.
class AudioView : public QWidget {
    Q_OBJECT
public:
    explicit AudioView(QWidget* parent = nullptr);
    ~AudioView() override;

    void setAudio(Expected<app::UtteranceAudio> audio); // an error is shown in place of the picture
    void clear(const QString& message = {});
    bool hasAudio() const { return !m_audio.utteranceId.isEmpty(); }
    const app::UtteranceAudio& audio() const { return m_audio; }
    const QImage& spectrogramImage() const { return m_spectrogram; }
    QMediaPlayer* player() const { return m_player; } // created on the first Play (null before)
    QPushButton* playButton() const { return m_play; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void paintCanvas(QPainter& painter, const QRect& rect);
    void togglePlay();
    void ensurePlayer(); // QtMultimedia connects to the sound server: only when asked to play

    QWidget* m_canvas;
    QPushButton* m_play;
    QLabel* m_info;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_output = nullptr;
    QBuffer* m_buffer = nullptr;
    app::UtteranceAudio m_audio;
    QImage m_spectrogram;
    QString m_message;
    double m_playhead = -1; // seconds; < 0: hidden
};

} // namespace vox::ui
