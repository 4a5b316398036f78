#pragma once
// What `voxbench` does once its command line is read: show the window on a page, open a
// project, and, for servers and documentation, write the report or a screenshot and quit.
// Driven by the sessions' signals (the project opened, the runs read, the comparison or the
// profiles shown), never by reaching into pages.
#include <QString>
#include <QStringList>

namespace vox::ui {

class MainWindow;

struct LaunchOptions {
    QStringList projects; // positional arguments: at most one
    QString page;         // empty: the page shown last
    QString screenshot;   // PNG file: save the window once its page shows the project, then quit
    QString reportFolder; // write the report of the latest run of each variant, then quit
};

// Shows `window` and starts what `options` ask for. Returns an error for the command line
// (the caller prints it and exits with 2), or an empty string: run the event loop.
QString launch(MainWindow& window, const LaunchOptions& options);

} // namespace vox::ui
