#pragma once
// Operator profiles of runs for the Profiler page: the latest stored profile of each chosen
// run with the run's WER/CER; and capturing a new one (core's profile::profileRun). Blocking
// calls for jobs (ProfileSession runs them off the UI thread).
#include "core/profile/operator_profile.h"
#include "core/util/expected.h"

#include <QMetaType>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace vox::app {

struct RunProfile {
    qint64 runId = 0;
    QString variant;
    QString capturedAt;
    std::shared_ptr<const profile::OperatorProfile> profile; // null: the run has none yet
    std::optional<double> wer, cer;                          // the run's, under whisper-en
    bool keywordSpotting = false;                            // a KWS run: accuracy and area instead
    std::optional<double> accuracy, area;
    bool present() const { return profile != nullptr; }
};

struct RunProfiles {
    RunProfile a;
    std::optional<RunProfile> b; // the run compared with, when one is chosen
};

using RunProfilesPtr = std::shared_ptr<const RunProfiles>;

// runB 0: no comparison.
Expected<RunProfilesPtr> readRunProfiles(const QString& project, qint64 runA, qint64 runB);

// Profiles run `runId` on its first `utterances` utterances and stores the profile. One
// capture at a time in the process. `conditions`: what else shares the machine (runs
// executing), kept with the profile. Stops soon after `cancel` is set (an error says so).
Expected<Done> captureRunProfile(const QString& project, qint64 runId, int utterances, const QString& conditions,
                                 const std::atomic<bool>* cancel);

} // namespace vox::app

Q_DECLARE_METATYPE(vox::app::RunProfilesPtr)
