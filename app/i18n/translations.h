#pragma once
#include <QLocale>
#include <QString>

class QCoreApplication;

namespace vox::app {

// Loads VoxBench's translation (compiled from translations/voxbench_<lang>.ts and embedded
// under :/i18n) and Qt's own for the locale, and installs them on the application.
// Returns the language that was loaded, or an empty string when the UI stays in English.
QString installTranslations(QCoreApplication& app, const QLocale& locale);

// The locale to use: the uiLanguage setting if set, else the system locale.
QLocale preferredLocale();

} // namespace vox::app
