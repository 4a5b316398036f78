// voxbench: the workbench GUI.
#include "app/i18n/translations.h"
#include "app/issues/core_log_bridge.h"
#include "app/issues/issue_model.h"
#include "core/version.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QScreen>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("VoxBench"));
    QApplication::setApplicationName(QStringLiteral("VoxBench"));
    QApplication::setApplicationVersion(QString::fromLatin1(vox::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/voxbench.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("VoxBench: what speeding up a speech model costs and breaks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("UI language (e.g. ru, en); default: the system locale."),
                                        QStringLiteral("language"));
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("Open on this page (data, variants, ...)."),
                                        QStringLiteral("id"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window once it is shown, then quit."),
        QStringLiteral("file"));
    parser.addOptions({langOption, pageOption, screenshotOption});
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A project to open (a .voxbench file)."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    const QLocale locale = parser.isSet(langOption) ? QLocale(parser.value(langOption)) : vox::app::preferredLocale();
    vox::app::installTranslations(app, locale);

    vox::app::IssueModel issues;
    vox::app::CoreLogBridge bridge(&issues); // destroyed before the model

    vox::ui::MainWindow window(&issues);
    if (parser.isSet(pageOption) && !window.showPage(parser.value(pageOption))) {
        std::fprintf(stderr, "voxbench: unknown page '%s'; pages are: %s\n", qPrintable(parser.value(pageOption)),
                     qPrintable(window.pageIds().join(QStringLiteral(", "))));
        return 2;
    }
    window.show();
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "voxbench: one project at a time, got %lld paths\n", static_cast<long long>(positional.size()));
        return 2;
    }
    if (!positional.isEmpty())
        window.openProject(QDir::current().absoluteFilePath(positional.first()));

    if (parser.isSet(screenshotOption)) {
        // Once the project (if any) is shown, or has failed to open.
        const QString file = parser.value(screenshotOption);
        auto shoot = [&window, file] {
            QTimer::singleShot(500, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                if (!saved)
                    std::fprintf(stderr, "voxbench: could not write the screenshot to %s\n", qPrintable(file));
                QApplication::exit(saved ? 0 : 1);
            });
        };
        if (positional.isEmpty()) {
            shoot();
        } else {
            QObject::connect(&window, &vox::ui::MainWindow::projectOpened, &window, shoot);
            QObject::connect(&window, &vox::ui::MainWindow::projectFailed, &window, shoot);
        }
    }
    return QApplication::exec();
}
