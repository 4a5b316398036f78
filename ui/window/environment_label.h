#pragma once
#include <QLabel>

namespace vox::ui {

// Status-bar facts every figure depends on: libtorch version, devices and default threads.
class EnvironmentLabel : public QLabel {
    Q_OBJECT
public:
    explicit EnvironmentLabel(QWidget* parent = nullptr);
};

} // namespace vox::ui
