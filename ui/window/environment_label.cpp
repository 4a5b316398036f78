#include "ui/window/environment_label.h"

#include "core/torch/torch_env.h"

#include <QStringList>

namespace vox::ui {

EnvironmentLabel::EnvironmentLabel(QWidget* parent) : QLabel(parent)
{
    const TorchEnvironment env = torchEnvironment();
    QStringList devices;
    for (const auto& device : env.devices)
        devices << QString::fromStdString(device.id);
    const QString blas = env.blasCore.empty() ? QString() : tr(" · OpenBLAS %1").arg(QString::fromStdString(env.blasCore));
    setText(tr("libtorch %1 · %2").arg(QString::fromStdString(env.torchVersion), devices.join(QStringLiteral(", "))) + blas);
    m_blasWarning = QString::fromStdString(env.blasWarning);
    setToolTip(tr("Devices libtorch reports: %1\nDefault intra-op threads: %2\nQuantization engines: %3\n\n%4")
                   .arg(devices.join(QStringLiteral(", ")))
                   .arg(env.defaultIntraOpThreads)
                   .arg(QString::fromStdString([&] {
                       std::string joined;
                       for (const auto& e : env.quantizationEngines)
                           joined += (joined.empty() ? "" : ", ") + e;
                       return joined;
                   }()))
                   .arg(QString::fromStdString(env.parallelInfo).trimmed())
               + (m_blasWarning.isEmpty() ? QString() : QStringLiteral("\n\n") + m_blasWarning));
    setObjectName(QStringLiteral("environmentLabel"));
}

} // namespace vox::ui
