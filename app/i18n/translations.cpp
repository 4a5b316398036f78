#include "app/i18n/translations.h"

#include "app/logging.h"
#include "app/settings/settings_keys.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace vox::app {

QString installTranslations(QCoreApplication& app, const QLocale& locale)
{
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return {};

    auto* own = new QTranslator(&app);
    if (!own->load(locale, QStringLiteral("voxbench"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCInfo(lcI18n) << "no VoxBench translation for" << locale.name();
        delete own;
        return {};
    }
    app.installTranslator(own);

    // Qt's own strings (standard dialogs, context menus), when Debian's qt6-translations are installed.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;

    qCInfo(lcI18n) << "loaded translation" << own->language();
    return own->language();
}

QLocale preferredLocale()
{
    const QString chosen = settings::uiLanguage().get();
    return chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
}

} // namespace vox::app
