#pragma once
#include "app/jobs/job.h"
#include "core/torch/torch_env.h"

#include <QLabel>

namespace vox::ui {

// Status-bar facts every figure depends on: libtorch version, devices, default threads and the
// BLAS kernels. Read off the UI thread (counting CUDA devices can take seconds); environmentRead
// follows once they are shown.
class EnvironmentLabel : public QLabel {
    Q_OBJECT
public:
    explicit EnvironmentLabel(QWidget* parent = nullptr);

    bool isRead() const { return m_read; }
    // Non-empty when the BLAS runs slower kernels than this CPU allows (TorchEnvironment::blasWarning).
    QString blasWarning() const { return m_blasWarning; }

signals:
    void environmentRead();

private:
    void show(const TorchEnvironment& env);

    app::Job<TorchEnvironment> m_job;
    QString m_blasWarning;
    bool m_read = false;
};

} // namespace vox::ui
