#include "app/profile/profile_summary.h"

#include "app/format/numbers.h"
#include "core/profile/profile_report.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace vox::app {

namespace {

class ProfileTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::ProfileSummary)
};

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

double perUtteranceMs(const profile::OperatorProfile& p, double us)
{
    return us / 1000.0 / double(std::max<int64_t>(1, p.info.utterances));
}

QString describeRunProfile(const RunProfile& run, const QString& letter)
{
    QString line = run.keywordSpotting
                       ? QStringLiteral("<b>%1</b> · %2 · %3 · %4")
                             .arg(letter, run.variant.toHtmlEscaped(),
                                  ProfileTexts::tr("accuracy %1").arg(formatPercent(run.accuracy)),
                                  ProfileTexts::tr("FA/FR area %1").arg(run.area ? QLocale().toString(*run.area, 'e', 2) : QStringLiteral("–")))
                       : QStringLiteral("<b>%1</b> · %2 · WER %3 · CER %4")
                             .arg(letter, run.variant.toHtmlEscaped(), formatPercent(run.wer), formatPercent(run.cer));
    if (!run.present())
        return line + QStringLiteral(" · <i>%1</i>").arg(ProfileTexts::tr("no profile yet: press Profile"));
    const auto& p = *run.profile;
    if (!p.info.conditions.empty())
        line += QStringLiteral(" · <span style='color:#a05a00'>%1</span>")
                    .arg(ProfileTexts::tr("measured while %1").arg(qs(p.info.conditions)).toHtmlEscaped());
    return line + QStringLiteral(" · ")
           + ProfileTexts::tr("%1 ms per utterance profiled (%2 without the profiler: overhead %3 %) · self times %4 % "
                              "of the total · %5 utterances · %6, %7, %8")
                 .arg(formatNumber(perUtteranceMs(p, p.wallUs), 1))
                 .arg(formatNumber(p.info.plainMs / double(std::max<int64_t>(1, p.info.utterances)), 1))
                 .arg(formatNumber(100.0 * p.info.overhead(), 1))
                 .arg(formatNumber(100.0 * p.accounted(), 1))
                 .arg(p.info.utterances)
                 .arg(qs(p.info.device), qs(p.info.dtype), qs(profile::settingsLine(p.info)).toHtmlEscaped());
}

QString describeChange(const RunProfiles& s, double totalMsA, double totalMsB)
{
    if (!s.b || !s.a.present() || !s.b->present())
        return {};
    if (s.a.keywordSpotting || s.b->keywordSpotting)
        return ProfileTexts::tr("<b>B − A</b>: accuracy %1 · time %2 ms per clip")
            .arg(formatPoints(s.a.accuracy, s.b->accuracy), formatSigned(totalMsB - totalMsA, 1));
    return ProfileTexts::tr("<b>B − A</b>: WER %1 · CER %2 · time %3 ms per utterance")
        .arg(formatPoints(s.a.wer, s.b->wer), formatPoints(s.a.cer, s.b->cer), formatSigned(totalMsB - totalMsA, 1));
}

QString profileSummaryText(const RunProfiles& s, double totalMsA, double totalMsB)
{
    QStringList lines{describeRunProfile(s.a, QStringLiteral("A"))};
    if (s.b) {
        lines << describeRunProfile(*s.b, QStringLiteral("B"));
        if (const QString change = describeChange(s, totalMsA, totalMsB); !change.isEmpty())
            lines << change;
    }
    return lines.join(QStringLiteral("<br>"));
}

QStringList profileChartNotes(const RunProfiles& s)
{
    QStringList notes;
    for (const RunProfile* r : {&s.a, s.b ? &*s.b : nullptr}) {
        if (!r || !r->present())
            continue;
        const auto& info = r->profile->info;
        notes << ProfileTexts::tr("%1: %2, %3; %4 utterances; profiler overhead %5 %")
                     .arg(r == &s.a ? QStringLiteral("A") : QStringLiteral("B"), qs(info.device), qs(info.dtype))
                     .arg(info.utterances)
                     .arg(formatNumber(100.0 * info.overhead(), 1))
              << QStringLiteral("    ") + qs(profile::settingsLine(info));
    }
    return notes;
}

} // namespace vox::app
