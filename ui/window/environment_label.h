#pragma once
#include <QLabel>

namespace vox::ui {

// Status-bar facts every figure depends on: libtorch version, devices, default threads and the
// BLAS kernels.
class EnvironmentLabel : public QLabel {
    Q_OBJECT
public:
    explicit EnvironmentLabel(QWidget* parent = nullptr);

    // Non-empty when the BLAS runs slower kernels than this CPU allows (TorchEnvironment::blasWarning).
    QString blasWarning() const { return m_blasWarning; }

private:
    QString m_blasWarning;
};

} // namespace vox::ui
