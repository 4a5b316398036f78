#include "app/logging.h"

Q_LOGGING_CATEGORY(lcApp, "voxbench.app", QtWarningMsg)
Q_LOGGING_CATEGORY(lcIssues, "voxbench.issues", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "voxbench.settings", QtWarningMsg)
Q_LOGGING_CATEGORY(lcI18n, "voxbench.i18n", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "voxbench.ui", QtWarningMsg)
