#include "app/settings/settings_keys.h"

namespace vox::app::settings {

const SettingValue<QByteArray>& mainWindowGeometry()
{
    static const SettingValue<QByteArray> v(QStringLiteral("mainWindow/geometry"), {});
    return v;
}

const SettingValue<QByteArray>& mainWindowState()
{
    static const SettingValue<QByteArray> v(QStringLiteral("mainWindow/state"), {});
    return v;
}

const SettingValue<int>& resultsTab()
{
    static const SettingValue<int> v(QStringLiteral("results/analysisTab"), 0);
    return v;
}

const SettingValue<QString>& breakdownField()
{
    static const SettingValue<QString> v(QStringLiteral("results/breakdownField"), QStringLiteral("speaker"));
    return v;
}

const SettingValue<QString>& currentPage()
{
    static const SettingValue<QString> v(QStringLiteral("mainWindow/currentPage"), QStringLiteral("data"));
    return v;
}

const SettingValue<QString>& uiLanguage()
{
    static const SettingValue<QString> v(QStringLiteral("ui/language"), QString());
    return v;
}

const SettingValue<QStringList>& recentProjects()
{
    static const SettingValue<QStringList> v(QStringLiteral("projects/recent"), {});
    return v;
}

QStringList withRecentProject(QStringList list, const QString& path)
{
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kRecentProjectLimit)
        list.removeLast();
    return list;
}

} // namespace vox::app::settings
