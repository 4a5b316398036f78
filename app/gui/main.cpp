// voxbench: the workbench GUI.
#include "app/i18n/translations.h"
#include "app/issues/core_log_bridge.h"
#include "app/issues/issue_model.h"
#include "core/version.h"
#include "ui/pages/charts_page.h"
#include "app/run/run_list_model.h"
#include "ui/pages/profiler_page.h"
#include "ui/pages/results_page.h"
#include "ui/pages/runs_page.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QScreen>
#include <QTimer>

#include <memory>

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

    if (parser.isSet(reportOption)) {
        if (positional.isEmpty()) {
            std::fprintf(stderr, "voxbench: --export-report needs a project\n");
            return 2;
        }
        const QString folder = QDir::current().absoluteFilePath(parser.value(reportOption));
        auto* results = static_cast<vox::ui::ResultsPage*>(window.page(QStringLiteral("results")));
        auto* charts = static_cast<vox::ui::ChartsPage*>(window.page(QStringLiteral("charts")));
        QObject::connect(&window, &vox::ui::MainWindow::projectFailed, &window, [](const QString&, const QString& error) {
            std::fprintf(stderr, "voxbench: %s\n", qPrintable(error));
            QApplication::exit(1);
        });
        auto* runs = static_cast<vox::ui::RunsPage*>(window.page(QStringLiteral("runs")));
        QObject::connect(runs, &vox::ui::RunsPage::runsReloaded, &window, [&window] {
            if (window.runModel()->rowCount() == 0) {
                std::fprintf(stderr, "voxbench: the project has no runs to report on\n");
                QApplication::exit(1);
            }
        });
        QObject::connect(charts, &vox::ui::ChartsPage::chartsUpdated, &window, [results, charts, folder] {
            if (!results->comparison() || results->comparison()->data.runs.empty())
                return; // the runs are still being read
            QString error;
            const QStringList files = charts->exportReport(folder, &error);
            if (files.isEmpty())
                std::fprintf(stderr, "voxbench: %s\n", qPrintable(error));
            else
                std::printf("wrote %lld files into %s\n", static_cast<long long>(files.size()), qPrintable(folder));
            QApplication::exit(files.isEmpty() ? 1 : 0);
        });
    }
    if (parser.isSet(screenshotOption)) {
        // Once the page shows the project's content (the Results, Diff and Charts pages a
        // comparison, the Profiler page the chosen runs' profiles; at most 30 s; at once for a
        // project without runs), or the project failed to open.
        const QString file = parser.value(screenshotOption);
        auto taken = std::make_shared<bool>(false);
        auto shoot = [&window, file, taken] {
            if (*taken)
                return;
            *taken = true;
            QTimer::singleShot(500, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                if (!saved)
                    std::fprintf(stderr, "voxbench: could not write the screenshot to %s\n", qPrintable(file));
                QApplication::exit(saved ? 0 : 1);
            });
        };
        const QString page = window.currentPageId();
        bool waits = false;
        if (page == QLatin1String("profiler")) {
            waits = true;
            auto* profiler = static_cast<vox::ui::ProfilerPage*>(window.page(page));
            QObject::connect(profiler, &vox::ui::ProfilerPage::profilesShown, &window, [profiler, shoot] {
                if (profiler->shown() && profiler->shown()->ok())
                    shoot();
            });
        } else if (page == QLatin1String("results") || page == QLatin1String("diff") || page == QLatin1String("charts")) {
            waits = true;
            auto* results = static_cast<vox::ui::ResultsPage*>(window.page(QStringLiteral("results")));
            QObject::connect(results, &vox::ui::ResultsPage::comparisonShown, &window, [results, shoot] {
                if (results->comparison() && !results->comparison()->data.runs.empty())
                    shoot();
            });
        }
        // A project without runs has nothing more to show.
        auto* runsPage = static_cast<vox::ui::RunsPage*>(window.page(QStringLiteral("runs")));
        QObject::connect(runsPage, &vox::ui::RunsPage::runsReloaded, &window, [&window, shoot, waits] {
            if (waits && window.runModel()->rowCount() == 0)
                shoot();
        });
        if (positional.isEmpty()) {
            shoot();
        } else {
            QObject::connect(&window, &vox::ui::MainWindow::projectOpened, &window, [&window, shoot, waits] {
                if (waits)
                    QTimer::singleShot(30000, &window, shoot);
                else
                    shoot();
            });
            QObject::connect(&window, &vox::ui::MainWindow::projectFailed, &window, shoot);
        }
    }
    return QApplication::exec();
}
