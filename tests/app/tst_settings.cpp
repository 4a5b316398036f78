// Typed settings keys: defaults, round trips, and a stored value of the wrong type.
#include "app/settings/settings_keys.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

using vox::app::SettingValue;

class TestSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never touch the user's real settings
        QCoreApplication::setOrganizationName(QStringLiteral("VoxBenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settings"));
        QSettings().clear();
    }

    void defaultsUntilSet()
    {
        QCOMPARE(vox::app::settings::currentPage().get(), QStringLiteral("data"));
        QVERIFY(vox::app::settings::mainWindowGeometry().get().isEmpty());
        QVERIFY(vox::app::settings::uiLanguage().get().isEmpty());
    }

    void setGetReset()
    {
        const auto& page = vox::app::settings::currentPage();
        page.set(QStringLiteral("charts"));
        QCOMPARE(page.get(), QStringLiteral("charts"));
        QCOMPARE(QSettings().value(page.key()).toString(), QStringLiteral("charts"));
        page.reset();
        QCOMPARE(page.get(), QStringLiteral("data"));
    }

    void wrongStoredTypeFallsBackToDefault()
    {
        const SettingValue<int> threads(QStringLiteral("test/threads"), 4);
        QSettings().setValue(threads.key(), QVariantList{1, 2});
        QCOMPARE(threads.get(), 4);
        threads.set(2);
        QCOMPARE(threads.get(), 2);
    }

    void cleanupTestCase() { QSettings().clear(); }

    void recentProjectsKeepTheNewestFirst()
    {
        using vox::app::settings::withRecentProject;
        QStringList list;
        for (int i = 0; i < 10; ++i)
            list = withRecentProject(list, QStringLiteral("/p/%1.voxbench").arg(i));
        QCOMPARE(list.size(), vox::app::settings::kRecentProjectLimit);
        QCOMPARE(list.first(), QStringLiteral("/p/9.voxbench"));
        QCOMPARE(list.last(), QStringLiteral("/p/2.voxbench"));
        list = withRecentProject(list, QStringLiteral("/p/5.voxbench")); // moved, not repeated
        QCOMPARE(list.first(), QStringLiteral("/p/5.voxbench"));
        QCOMPARE(list.count(QStringLiteral("/p/5.voxbench")), 1);
        QCOMPARE(list.size(), vox::app::settings::kRecentProjectLimit);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
