#pragma once
// The settings a new run is measured with: device (those libtorch reports, read off the UI
// thread: "cpu" until then), dtype, threads, batch, beam, maximum tokens, warm-up, timing
// repeats, optimize, how many utterances, a keyword spotter's stream chunk, and Whisper's
// no-speech threshold.
#include "app/jobs/job.h"
#include "core/run/run_settings.h"
#include "core/torch/torch_env.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace vox::ui {

class RunSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit RunSettingsForm(QWidget* parent = nullptr);

    run::RunSettings settings() const;
    void setSettings(const run::RunSettings& settings);

private:
    void showDevices(const TorchEnvironment& env);

    QComboBox* m_device;
    QComboBox* m_dtype;
    QSpinBox* m_threads;
    QSpinBox* m_parallel;
    QSpinBox* m_batch;
    QSpinBox* m_beam;
    QSpinBox* m_maxTokens;
    QSpinBox* m_warmup;
    QSpinBox* m_repeats;
    QSpinBox* m_limit;
    QSpinBox* m_chunk;
    QDoubleSpinBox* m_noSpeech; // its minimum: no threshold
    QCheckBox* m_optimize;
    QString m_wantedDevice; // asked for before the devices were known
    app::Job<TorchEnvironment> m_environment;
};

} // namespace vox::ui
