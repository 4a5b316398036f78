#pragma once
// The Profiler page's words about profiles: one line per run (variant, WER/CER, time per
// utterance with and without the profiler, its overhead, what share the table accounts for,
// settings), B against A, and the notes every profile chart carries. Rich text where the page
// shows it; formatted in the UI's locale.
#include "app/profile/run_profiles.h"

#include <QString>
#include <QStringList>

namespace vox::app {

// "<b>A</b> · tiny-fp32 · WER 8.2 % · CER 7.2 % · 94.1 ms per utterance profiled (...)".
QString describeRunProfile(const RunProfile& run, const QString& letter);
// "<b>B − A</b>: WER +0.7 pt · CER +0.7 pt · time +22.5 ms per utterance"; empty unless both
// runs have profiles. `totalMsA/B`: the comparison's time per utterance.
QString describeChange(const RunProfiles& profiles, double totalMsA, double totalMsB);
// All lines for the summary label, joined with <br>.
QString profileSummaryText(const RunProfiles& profiles, double totalMsA, double totalMsB);
// Two lines per profiled run, for under a chart: device, dtype, utterances, overhead; settings.
QStringList profileChartNotes(const RunProfiles& profiles);

// Milliseconds per utterance of a profile's microseconds.
double perUtteranceMs(const profile::OperatorProfile& profile, double us);

} // namespace vox::app
