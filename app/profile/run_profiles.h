#pragma once
// Operator profiles of runs for the Profiler page: the latest stored profile of each chosen
// run with the run's WER/CER, read off the UI thread; and capturing a new one (core's
// profile::profileRun) on a thread of its own.
#include "core/profile/operator_profile.h"

#include <QFuture>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace vox::app {

struct RunProfile {
    qint64 runId = 0;
    QString variant;
    QString capturedAt;
    std::shared_ptr<const profile::OperatorProfile> profile; // null: the run has none yet
    std::optional<double> wer, cer;                          // the run's, under whisper-en
    bool present() const { return profile != nullptr; }
};

struct RunProfiles {
    QString error;  // empty when read
    RunProfile a;
    std::optional<RunProfile> b; // the run compared with, when one is chosen
    bool ok() const { return error.isEmpty(); }
};

using RunProfilesPtr = std::shared_ptr<const RunProfiles>;

// Blocking; call it off the UI thread. runB 0: no comparison.
RunProfilesPtr readRunProfiles(const QString& project, qint64 runA, qint64 runB);
QFuture<RunProfilesPtr> loadRunProfiles(const QString& project, qint64 runA, qint64 runB);

// Profiles run `runId` on its first `utterances` utterances and stores the profile; the
// future's value is empty on success, else the error. One capture at a time in the process.
// `conditions`: what else shares the machine (runs executing), kept with the profile.
QFuture<QString> captureRunProfile(const QString& project, qint64 runId, int utterances, const QString& conditions = {});

} // namespace vox::app

Q_DECLARE_METATYPE(vox::app::RunProfilesPtr)
