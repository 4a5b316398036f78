#include "ui/pages/audio_view.h"

#include "app/format/numbers.h"

#include <QAudioOutput>
#include <QBuffer>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMediaPlayer>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vox::ui {

namespace {

// A perceptual dark-to-bright ramp for the spectrogram.
QRgb heat(float t)
{
    t = std::clamp(t, 0.0f, 1.0f);
    const int r = int(255 * std::clamp(1.5f * t, 0.0f, 1.0f));
    const int g = int(255 * std::clamp(1.5f * t - 0.5f, 0.0f, 1.0f));
    const int b = int(255 * std::clamp(0.6f - std::abs(t - 0.3f) * 2.0f + (t > 0.85f ? (t - 0.85f) * 4 : 0), 0.0f, 1.0f));
    return qRgb(r, g, b);
}

} // namespace

AudioView::AudioView(QWidget* parent)
    : QWidget(parent)
    , m_canvas(new QWidget)
    , m_play(new QPushButton(tr("Play")))
    , m_info(new QLabel)
{
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setEnabled(false);
    m_info->setObjectName(QStringLiteral("audioInfo"));
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_canvas->setObjectName(QStringLiteral("audioCanvas"));
    m_canvas->setMinimumHeight(150);
    m_canvas->installEventFilter(this);
    m_canvas->setCursor(Qt::PointingHandCursor);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_play);
    bar->addWidget(m_info, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_canvas, 1);

    connect(m_play, &QPushButton::clicked, this, &AudioView::togglePlay);
    clear();
}

AudioView::~AudioView()
{
    if (m_player) {
        m_player->stop();
        m_player->setSourceDevice(nullptr);
    }
}

void AudioView::ensurePlayer()
{
    if (m_player)
        return;
    m_player = new QMediaPlayer(this);
    m_output = new QAudioOutput(this);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        m_playhead = ms / 1000.0;
        m_canvas->update();
    });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
        m_play->setText(state == QMediaPlayer::PlayingState ? tr("Stop") : tr("Play"));
        if (state == QMediaPlayer::StoppedState) {
            m_playhead = -1;
            m_canvas->update();
        }
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& text) {
        m_info->setText(tr("Cannot play: %1").arg(text));
    });
    if (m_buffer)
        m_player->setSourceDevice(m_buffer, QUrl(QStringLiteral("utterance.wav")));
}

void AudioView::clear(const QString& message)
{
    if (m_player) {
        m_player->stop();
        m_player->setSourceDevice(nullptr);
    }
    delete m_buffer;
    m_buffer = nullptr;
    m_audio = {};
    m_spectrogram = {};
    m_message = message.isEmpty() ? tr("Select an utterance to see and play it.") : message;
    m_info->setText(QString());
    m_play->setEnabled(false);
    m_canvas->update();
}

void AudioView::setAudio(Expected<app::UtteranceAudio> audio)
{
    clear(audio ? QString() : tr("Cannot read the audio: %1").arg(QString::fromStdString(audio.error().describe())));
    if (!audio)
        return;
    m_audio = std::move(*audio);
    m_message.clear();
    if (m_audio.melBins > 0 && m_audio.melFrames > 0) {
        m_spectrogram = QImage(m_audio.melFrames, m_audio.melBins, QImage::Format_RGB32);
        // Whisper's scale: (log10 - 4 dB-ish offset) / 4, roughly in [-1, 1.5].
        const auto [lo, hi] = std::minmax_element(m_audio.mel.begin(), m_audio.mel.end());
        const float range = std::max(1e-6f, *hi - *lo);
        for (int bin = 0; bin < m_audio.melBins; ++bin) {
            auto* line = reinterpret_cast<QRgb*>(m_spectrogram.scanLine(m_audio.melBins - 1 - bin)); // low bins at the bottom
            for (int f = 0; f < m_audio.melFrames; ++f)
                line[f] = heat((m_audio.mel[size_t(bin) * size_t(m_audio.melFrames) + size_t(f)] - *lo) / range);
        }
    }
    m_buffer = new QBuffer(this);
    m_buffer->setData(m_audio.wav);
    m_buffer->open(QIODevice::ReadOnly);
    if (m_player)
        m_player->setSourceDevice(m_buffer, QUrl(QStringLiteral("utterance.wav")));
    m_play->setEnabled(true);
    m_info->setText(tr("%1 · %2 s · %3 Hz · log-mel, %4 bins")
                        .arg(m_audio.utteranceId, app::formatNumber(m_audio.seconds(), 2))
                        .arg(m_audio.sampleRate)
                        .arg(m_audio.melBins));
    m_canvas->update();
}

void AudioView::togglePlay()
{
    ensurePlayer();
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->stop();
    else
        m_player->play();
}

bool AudioView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_canvas && event->type() == QEvent::Paint) {
        QPainter painter(m_canvas);
        paintCanvas(painter, m_canvas->rect());
        return true;
    }
    if (watched == m_canvas && event->type() == QEvent::MouseButtonPress && !m_audio.samples.empty()) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const double t = m_audio.seconds() * std::clamp(mouse->position().x() / m_canvas->width(), 0.0, 1.0);
        ensurePlayer();
        m_player->setPosition(qint64(t * 1000));
        if (m_player->playbackState() != QMediaPlayer::PlayingState)
            m_player->play();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void AudioView::paintCanvas(QPainter& painter, const QRect& rect)
{
    painter.fillRect(rect, palette().base());
    if (m_audio.samples.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const int waveHeight = rect.height() * 2 / 5;
    const QRect wave(rect.left(), rect.top(), rect.width(), waveHeight);
    const QRect spec(rect.left(), rect.top() + waveHeight + 2, rect.width(), rect.height() - waveHeight - 2);
    // Waveform: each pixel column's min and max sample.
    painter.setPen(QColor(0x1f, 0x77, 0xb4));
    const size_t n = m_audio.samples.size();
    const int mid = wave.center().y();
    for (int x = 0; x < wave.width(); ++x) {
        const size_t from = n * size_t(x) / size_t(wave.width());
        const size_t to = std::max(from + 1, n * size_t(x + 1) / size_t(wave.width()));
        float lo = 0, hi = 0;
        for (size_t i = from; i < std::min(to, n); ++i)
            lo = std::min(lo, m_audio.samples[i]), hi = std::max(hi, m_audio.samples[i]);
        painter.drawLine(wave.left() + x, mid - int(hi * wave.height() / 2), wave.left() + x, mid - int(lo * wave.height() / 2));
    }
    if (!m_spectrogram.isNull())
        painter.drawImage(spec, m_spectrogram);
    if (m_playhead >= 0 && m_audio.seconds() > 0) {
        const int x = rect.left() + int(rect.width() * m_playhead / m_audio.seconds());
        painter.setPen(QPen(Qt::red, 1.5));
        painter.drawLine(x, rect.top(), x, rect.bottom());
    }
}

} // namespace vox::ui
