#pragma once
#include "app/settings/setting_value.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Every persistent setting of VoxBench, with its default. One place, so keys never drift.
namespace vox::app::settings {

// Main window geometry and dock/toolbar layout (QMainWindow::saveGeometry / saveState).
const SettingValue<QByteArray>& mainWindowGeometry();
const SettingValue<QByteArray>& mainWindowState();
// The page shown last, by its stable name ("data", "variants", ...).
const SettingValue<QString>& currentPage();
// The Results page's analysis tab shown last (ui::AnalysisTabs::Tab) and the breakdown field chosen last.
const SettingValue<int>& resultsTab();
const SettingValue<QString>& breakdownField();
// UI language as a locale name ("ru", "en"); empty follows the system locale.
const SettingValue<QString>& uiLanguage();
// Projects opened last, newest first (absolute paths, at most kRecentProjectLimit).
const SettingValue<QStringList>& recentProjects();
constexpr int kRecentProjectLimit = 8;
// `path` moved to the front of `list`, without duplicates, cut to the limit.
QStringList withRecentProject(QStringList list, const QString& path);

} // namespace vox::app::settings
