#include "ui/window/launch.h"

#include "app/kws/kws_session.h"
#include "app/profile/profile_session.h"
#include "app/run/run_list_model.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"
#include "ui/charts/report_writer.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QDir>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace vox::ui {

namespace {

void quitWith(int code, const QString& message = {})
{
    if (!message.isEmpty())
        std::fprintf(code == 0 ? stdout : stderr, "%s\n", qPrintable(message));
    QApplication::exit(code);
}

// --export-report: once the runs are read and both sessions have read what they compare (the
// latest runs of each variant), the report is written.
void exportReportWhenCompared(MainWindow& window, const QString& folder)
{
    auto* session = window.session();
    auto* comparison = window.comparison();
    auto* kws = window.keywordSpotting();
    QObject::connect(session, &app::ProjectSession::openFailed, &window,
                     [](const QString&, const QString& error) { quitWith(1, QStringLiteral("voxbench: ") + error); });
    auto runsRead = std::make_shared<bool>(false);
    auto tryWrite = [session, comparison, kws, folder, runsRead] {
        if (!*runsRead || comparison->isLoading() || kws->isLoading())
            return; // still being read
        if (session->runs()->rowCount() == 0)
            return quitWith(1, QStringLiteral("voxbench: the project has no runs to report on"));
        const auto files = writeReport(*comparison, kws, folder);
        if (!files)
            quitWith(1, QStringLiteral("voxbench: ") + QString::fromStdString(files.error().describe()));
        else
            quitWith(0, QStringLiteral("wrote %1 files into %2").arg(files->size()).arg(folder));
    };
    QObject::connect(session, &app::ProjectSession::runsReloaded, &window, [runsRead, tryWrite] {
        *runsRead = true;
        tryWrite();
    });
    QObject::connect(comparison, &app::ComparisonSession::comparisonChanged, &window, tryWrite);
    QObject::connect(kws, &app::KwsSession::entriesChanged, &window, tryWrite);
}

// --screenshot: once the page shows the project's content (a comparison on Results, Diff and
// Charts; the chosen runs' profiles on the Profiler page; at most 30 s), at once for a project
// without runs or one that failed to open, or without a project.
void screenshotWhenShown(MainWindow& window, const QString& file, bool hasProject)
{
    auto taken = std::make_shared<bool>(false);
    auto shoot = [&window, file, taken] {
        if (*taken)
            return;
        *taken = true;
        QTimer::singleShot(500, &window, [&window, file] {
            const bool saved = window.grab().save(file);
            quitWith(saved ? 0 : 1, saved ? QString() : QStringLiteral("voxbench: could not write the screenshot to %1").arg(file));
        });
    };
    if (!hasProject)
        return shoot();
    const QString page = window.currentPageId();
    const bool byProfiles = page == QLatin1String("profiler");
    const bool byComparison = page == QLatin1String("results") || page == QLatin1String("diff") || page == QLatin1String("charts");
    const bool bySpotters = page == QLatin1String("kws");
    auto* session = window.session();
    if (byProfiles)
        QObject::connect(window.profiles(), &app::ProfileSession::profilesChanged, &window, [&window, shoot] {
            if (window.profiles()->shown())
                shoot();
        });
    if (byComparison)
        QObject::connect(window.comparison(), &app::ComparisonSession::comparisonChanged, &window, [&window, shoot] {
            const auto c = window.comparison()->comparison();
            if (c && !c->data.runs.empty())
                shoot();
        });
    if (bySpotters)
        QObject::connect(window.keywordSpotting(), &app::KwsSession::entriesChanged, &window, [&window, shoot] {
            if (window.keywordSpotting()->entries() && !window.keywordSpotting()->entries()->empty())
                shoot();
        });
    const bool waits = byProfiles || byComparison || bySpotters;
    QObject::connect(session, &app::ProjectSession::runsReloaded, &window, [session, shoot, waits, byComparison, bySpotters] {
        // The runs the page would show: none, and nothing more will come.
        int shown = 0;
        for (const auto& r : session->runs()->runs())
            shown += byComparison ? !r.keywordSpotting() : bySpotters ? r.keywordSpotting() : 1;
        if (waits && shown == 0)
            shoot();
    });
    QObject::connect(session, &app::ProjectSession::opened, &window, [&window, shoot, waits] {
        if (waits)
            QTimer::singleShot(30000, &window, shoot);
        else
            shoot();
    });
    QObject::connect(session, &app::ProjectSession::openFailed, &window, shoot);
}

} // namespace

QString launch(MainWindow& window, const LaunchOptions& options)
{
    if (!options.page.isEmpty() && !window.showPage(options.page))
        return QStringLiteral("unknown page '%1'; pages are: %2").arg(options.page, window.pageIds().join(QStringLiteral(", ")));
    if (options.projects.size() > 1)
        return QStringLiteral("one project at a time, got %1 paths").arg(options.projects.size());
    const QString project = options.projects.isEmpty() ? QString() : QDir::current().absoluteFilePath(options.projects.first());
    if (!options.reportFolder.isEmpty() && project.isEmpty())
        return QStringLiteral("--export-report needs a project");
    window.show();
    if (!options.reportFolder.isEmpty())
        exportReportWhenCompared(window, QDir::current().absoluteFilePath(options.reportFolder));
    if (!options.screenshot.isEmpty())
        screenshotWhenShown(window, options.screenshot, !project.isEmpty());
    if (!project.isEmpty())
        window.session()->open(project);
    return {};
}

} // namespace vox::ui
