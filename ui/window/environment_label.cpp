#include "ui/window/environment_label.h"

#include "app/environment/torch_environment.h"

#include <QStringList>

namespace vox::ui {

EnvironmentLabel::EnvironmentLabel(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("environmentLabel"));
    setText(tr("Reading the libtorch environment…"));
    m_job.start([](const app::JobContext&) -> Expected<TorchEnvironment> { return app::torchEnvironmentOnce(); },
                [this](Expected<TorchEnvironment> env) {
                    if (env)
                        show(*env);
                });
}

void EnvironmentLabel::show(const TorchEnvironment& env)
{
    QStringList devices;
    for (const auto& device : env.devices)
        devices << QString::fromStdString(device.id);
    const QString blas = env.blasCore.empty() ? QString() : tr(" · OpenBLAS %1").arg(QString::fromStdString(env.blasCore));
    setText(tr("libtorch %1 · %2").arg(QString::fromStdString(env.torchVersion), devices.join(QStringLiteral(", "))) + blas);
    m_blasWarning = QString::fromStdString(env.blasWarning);
    QStringList engines;
    for (const auto& e : env.quantizationEngines)
        engines << QString::fromStdString(e);
    setToolTip(tr("Devices libtorch reports: %1\nDefault intra-op threads: %2\nQuantization engines: %3\n\n%4")
                   .arg(devices.join(QStringLiteral(", ")))
                   .arg(env.defaultIntraOpThreads)
                   .arg(engines.join(QStringLiteral(", ")))
                   .arg(QString::fromStdString(env.parallelInfo).trimmed())
               + (m_blasWarning.isEmpty() ? QString() : QStringLiteral("\n\n") + m_blasWarning));
    m_read = true;
    emit environmentRead();
}

} // namespace vox::ui
