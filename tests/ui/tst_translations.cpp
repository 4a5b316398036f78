// The Russian translation: compiled from translations/voxbench_ru.ts, embedded, loaded by
// locale, complete, and applied to the window's strings.
#include "app/i18n/translations.h"
#include "app/issues/issue_model.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QSettings>
#include <QFile>
#include <QListWidget>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("VoxBenchTest"));
        QApplication::setApplicationName(QStringLiteral("tst_translations"));
        QSettings().clear();
    }

    void everyMessageIsTranslated()
    {
        QFile ts(QStringLiteral(VOXBENCH_SOURCE_DIR "/translations/voxbench_ru.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList untranslated;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                    untranslated << source;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY2(messages >= 30, qPrintable(QString::number(messages)));
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(" | "))));
    }

    void englishLocaleLoadsNothing()
    {
        QCOMPARE(vox::app::installTranslations(*qApp, QLocale(QLocale::English)), QString());
        QCOMPARE(vox::app::installTranslations(*qApp, QLocale(QLocale::Japanese)), QString());
    }

    void russianTranslatesTheWindow()
    {
        const QString loaded = vox::app::installTranslations(*qApp, QLocale(QLocale::Russian));
        QVERIFY2(loaded.startsWith(QStringLiteral("ru")), qPrintable(loaded));

        vox::app::IssueModel issues;
        vox::ui::MainWindow window(&issues);
        QCOMPARE(window.windowTitle(), QStringLiteral("VoxBench"));
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("pageNavigation"));
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("Данные"));
        QCOMPARE(navigation->item(7)->text(), QStringLiteral("Профилировщик"));
        QCOMPARE(issues.headerData(vox::app::IssueModel::MessageColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Сообщение"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
