#pragma once
#include <QLoggingCategory>

// Developer log categories of the Qt layers (core uses spdlog named loggers instead).
// Enable with QT_LOGGING_RULES="voxbench.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcIssues)
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
Q_DECLARE_LOGGING_CATEGORY(lcI18n)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
