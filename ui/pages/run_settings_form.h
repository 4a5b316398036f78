#pragma once
// The settings a new run is measured with: device (those libtorch reports), dtype, threads,
// batch, beam, maximum tokens, warm-up, timing repeats, optimize, and how many utterances.
#include "core/run/run_settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace vox::ui {

class RunSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit RunSettingsForm(QWidget* parent = nullptr);

    run::RunSettings settings() const;
    void setSettings(const run::RunSettings& settings);

private:
    QComboBox* m_device;
    QComboBox* m_dtype;
    QSpinBox* m_threads;
    QSpinBox* m_batch;
    QSpinBox* m_beam;
    QSpinBox* m_maxTokens;
    QSpinBox* m_warmup;
    QSpinBox* m_repeats;
    QSpinBox* m_limit;
    QCheckBox* m_optimize;
};

} // namespace vox::ui
