#include "ui/pages/run_settings_form.h"

#include "app/environment/torch_environment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>

namespace vox::ui {

namespace {

QSpinBox* spin(const QString& name, int low, int high, int value, const QString& tip)
{
    auto* s = new QSpinBox;
    s->setObjectName(name);
    s->setRange(low, high);
    s->setValue(value);
    s->setToolTip(tip);
    return s;
}

} // namespace

RunSettingsForm::RunSettingsForm(QWidget* parent)
    : QWidget(parent)
    , m_device(new QComboBox)
    , m_dtype(new QComboBox)
    , m_threads(spin(QStringLiteral("threadsSpin"), 0, 256, 1,
                     tr("CPU threads the run uses over all its workers (0: libtorch's default)")))
    , m_parallel(spin(QStringLiteral("parallelSpin"), 0, 256, 0,
                      tr("Whisper: batches decoded at once over the one loaded model, each with threads / parallel "
                         "threads; automatic: one per thread on the CPU, one on a GPU")))
    , m_batch(spin(QStringLiteral("batchSpin"), 1, 256, 1, tr("Utterances decoded together (greedy only)")))
    , m_beam(spin(QStringLiteral("beamSpin"), 1, 64, 1, tr("Beam size; 1 is greedy")))
    , m_maxTokens(spin(QStringLiteral("maxTokensSpin"), -1, 448, -1, tr("New tokens per window; -1: the package's")))
    , m_warmup(spin(QStringLiteral("warmupSpin"), 0, 100, 1, tr("Untimed decodes before timing starts")))
    , m_repeats(spin(QStringLiteral("repeatsSpin"), 1, 100, 1, tr("Timed decodes per batch; the median is kept")))
    , m_limit(spin(QStringLiteral("limitSpin"), 0, 10'000'000, 0, tr("The dataset's first N utterances; 0: all")))
    , m_chunk(spin(QStringLiteral("chunkSpin"), 0, 160'000, 0,
                   tr("Keyword spotting: samples per stream step, a multiple of the package's hop; 0: the package's")))
    , m_noSpeech(new QDoubleSpinBox)
    , m_optimize(new QCheckBox(tr("Freeze and optimize at load")))
{
    m_noSpeech->setObjectName(QStringLiteral("noSpeechSpin"));
    m_noSpeech->setRange(-0.05, 1.0);
    m_noSpeech->setSingleStep(0.05);
    m_noSpeech->setDecimals(2);
    m_noSpeech->setValue(-0.05);
    m_noSpeech->setSpecialValueText(tr("off"));
    m_noSpeech->setToolTip(tr("Whisper: a window whose no-speech probability is above this gives no text "
                              "(OpenAI's no_speech_threshold, e.g. 0.60); off: text is always kept. "
                              "The probability is stored either way."));
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->addItem(QStringLiteral("cpu"), QStringLiteral("cpu")); // until libtorch says what else there is
    m_environment.start([](const app::JobContext&) -> Expected<TorchEnvironment> { return app::torchEnvironmentOnce(); },
                        [this](Expected<TorchEnvironment> env) {
                            if (env)
                                showDevices(*env);
                        });
    m_dtype->setObjectName(QStringLiteral("dtypeCombo"));
    m_dtype->addItem(tr("package's (auto)"), QStringLiteral("auto"));
    for (const char* t : {"float32", "float16", "bfloat16"})
        m_dtype->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
    m_limit->setSpecialValueText(tr("all"));
    m_parallel->setSpecialValueText(tr("automatic"));
    m_chunk->setSpecialValueText(tr("package's"));
    m_chunk->setSingleStep(160);
    m_maxTokens->setSpecialValueText(tr("package's"));
    m_optimize->setObjectName(QStringLiteral("optimizeCheck"));
    m_optimize->setToolTip(tr("CPU, float32 packages: weights become constants and linear layers are prepacked"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    auto add = [grid](int row, int col, const QString& label, QWidget* w) {
        auto* l = new QLabel(label);
        l->setBuddy(w);
        grid->addWidget(l, row, col * 2);
        grid->addWidget(w, row, col * 2 + 1);
    };
    add(0, 0, tr("&Device"), m_device);
    add(0, 1, tr("D&type"), m_dtype);
    add(0, 2, tr("&Utterances"), m_limit);
    add(1, 0, tr("&Threads"), m_threads);
    add(1, 1, tr("&Batch"), m_batch);
    add(1, 2, tr("B&eam"), m_beam);
    add(2, 0, tr("&Warm-up"), m_warmup);
    add(2, 1, tr("&Repeats"), m_repeats);
    add(2, 2, tr("&Max tokens"), m_maxTokens);
    add(3, 0, tr("C&hunk"), m_chunk);
    add(3, 1, tr("&Parallel"), m_parallel);
    add(3, 2, tr("&No speech above"), m_noSpeech);
    grid->addWidget(m_optimize, 4, 0, 1, 6);
    for (int c = 1; c < 6; c += 2)
        grid->setColumnStretch(c, 1);
}

run::RunSettings RunSettingsForm::settings() const
{
    run::RunSettings s;
    s.device = m_device->currentData().toString().toStdString();
    s.dtype = m_dtype->currentData().toString().toStdString();
    s.threads = m_threads->value();
    s.parallel = m_parallel->value();
    s.batch = m_batch->value();
    s.beam = m_beam->value();
    s.maxTokens = m_maxTokens->value();
    s.warmup = m_warmup->value();
    s.repeats = m_repeats->value();
    s.limit = m_limit->value();
    s.optimize = m_optimize->isChecked();
    s.chunkSamples = m_chunk->value();
    if (m_noSpeech->value() >= 0.0)
        s.noSpeechThreshold = m_noSpeech->value();
    return s;
}

void RunSettingsForm::showDevices(const TorchEnvironment& env)
{
    const QString current = m_wantedDevice.isEmpty() ? m_device->currentData().toString() : m_wantedDevice;
    m_device->clear();
    for (const auto& d : env.devices)
        m_device->addItem(QString::fromStdString(d.id + " — " + d.name), QString::fromStdString(d.id));
    m_device->setCurrentIndex(std::max(0, m_device->findData(current)));
    m_wantedDevice.clear();
}

void RunSettingsForm::setSettings(const run::RunSettings& s)
{
    const int device = m_device->findData(QString::fromStdString(s.device));
    if (device >= 0)
        m_device->setCurrentIndex(device);
    else
        m_wantedDevice = QString::fromStdString(s.device); // chosen once the devices are known
    const int dtype = m_dtype->findData(QString::fromStdString(s.dtype));
    if (dtype >= 0)
        m_dtype->setCurrentIndex(dtype);
    m_threads->setValue(s.threads);
    m_parallel->setValue(s.parallel);
    m_batch->setValue(s.batch);
    m_beam->setValue(s.beam);
    m_maxTokens->setValue(s.maxTokens);
    m_warmup->setValue(s.warmup);
    m_repeats->setValue(s.repeats);
    m_limit->setValue(int(s.limit));
    m_optimize->setChecked(s.optimize);
    m_chunk->setValue(s.chunkSamples);
    m_noSpeech->setValue(s.noSpeechThreshold.value_or(m_noSpeech->minimum()));
}

} // namespace vox::ui
