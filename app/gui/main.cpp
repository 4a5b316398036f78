// voxbench: the workbench GUI. main() reads the command line; ui::launch does the rest.
#include "app/i18n/translations.h"
#include "app/issues/core_log_bridge.h"
#include "app/issues/issue_model.h"
#include "core/version.h"
#include "ui/window/launch.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

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
    const QCommandLineOption reportOption(
        QStringLiteral("export-report"),
        QStringLiteral("Open the project, compare the latest run of each variant (as the Results page does), write "
                       "the report (charts, tables, run cards) into this folder, then quit. Works offscreen "
                       "(QT_QPA_PLATFORM=offscreen) on servers."),
        QStringLiteral("folder"));
    parser.addOptions({langOption, pageOption, screenshotOption, reportOption});
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A project to open (a .voxbench file)."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    const QLocale locale = parser.isSet(langOption) ? QLocale(parser.value(langOption)) : vox::app::preferredLocale();
    vox::app::installTranslations(app, locale);

    vox::app::IssueModel issues;
    vox::app::CoreLogBridge bridge(&issues); // destroyed before the model
    vox::ui::MainWindow window(&issues);
    const QString error = vox::ui::launch(window, {parser.positionalArguments(), parser.value(pageOption),
                                                   parser.value(screenshotOption), parser.value(reportOption)});
    if (!error.isEmpty()) {
        std::fprintf(stderr, "voxbench: %s\n", qPrintable(error));
        return 2;
    }
    return QApplication::exec();
}
