#pragma once
// A project's runs as the Runs page lists them: the store's records, the facts of their cards
// and how far each got. Read off the UI thread.
#include "core/run/run_settings.h"
#include "core/run/run_status.h"
#include "core/util/expected.h"

#include <QList>
#include <QString>

namespace vox::app {

struct RunInfo {
    qint64 id = 0;
    qint64 variantId = 0;
    qint64 datasetId = 0;
    QString variant;
    QString dataset;
    QString family;        // the variant's: "whisper", "kws-crnn"
    qint64 parameters = 0; // the variant's parameter count
    QString datasetFormat; // "nemo", "kws-clips", "kws-stream", ...
    bool keywordSpotting() const { return family.startsWith(QLatin1String("kws")); }
    run::RunStatus status = run::RunStatus::Queued;
    QString message;   // why it stopped
    QString device;    // the run setting
    QString settings;  // the settings in one line
    QString cardJson;
    QString createdAt;
    qint64 total = 0;  // utterances the run covers
    qint64 done = 0;   // with a result
    qint64 failed = 0; // of those, errors
    // Set on the UI thread while a worker holds the run.
    QString stage;     // "loading", "warming up", "running"
    bool active = false;
    // Executed by another process, which holds the run's lease (core/store/run_lease.h): who
    // and since when, in words; empty otherwise. Such a run cannot be resumed here.
    QString elsewhere;
    double elapsedSeconds = 0, audioSeconds = 0, computeSeconds = 0; // this session
    qint64 doneThisSession = 0;
    // Against the first run over the same dataset: what differs ("beam 1 vs 5"); empty when
    // comparable (or when this is that first run).
    QString notComparable;
};

// Blocking; call it off the UI thread (ProjectSession does).
Expected<QList<RunInfo>> readRuns(const QString& projectPath);

// The one-line form of a run card's settings: "cpu · auto · 1 thread · batch 1 · beam 1 · ...";
// a keyword spotter's leaves out what it has no use for (dtype, beam, max tokens) and names
// its stream chunk.
enum class SettingsKind { SpeechModel, KeywordSpotter };
// The latest run of each variant over `dataset` that did not fail, of keyword spotters or of
// speech models, in run order: what the Results and Keyword spotting pages compare by default.
QList<const RunInfo*> latestRunPerVariant(const QList<RunInfo>& runs, qint64 dataset, bool keywordSpotting);

QString settingsLine(const std::string& settingsJson, SettingsKind kind = SettingsKind::SpeechModel);
QString settingsLine(const run::RunSettings& settings, SettingsKind kind = SettingsKind::SpeechModel);

} // namespace vox::app
