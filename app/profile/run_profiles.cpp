#include "app/profile/run_profiles.h"

#include "core/profile/profile_capture.h"
#include "core/profile/profile_json.h"
#include "core/run/kws_results.h"
#include "core/run/run_card.h"
#include "core/run/run_summary.h"
#include "core/store/project_store.h"


namespace vox::app {

namespace {

Expected<RunProfile> readOne(store::ProjectStore& store, const std::vector<store::ProjectStore::ProfileEntry>& entries,
                             qint64 runId)
{
    RunProfile out;
    out.runId = runId;
    auto record = store.run(runId);
    if (!record)
        return record.error();
    const auto card = run::readRunCard(record->cardJson);
    if (card && card->variantFamily.rfind("kws", 0) == 0) {
        // A keyword spotter: its figures are accuracy and the FA/FR area, not WER.
        out.keywordSpotting = true;
        auto data = run::readKwsRun(store, runId);
        if (!data)
            return data.error();
        const auto figures = run::summarizeKwsRun(*data);
        out.variant = QString::fromStdString(data->variant);
        if (figures.clips > 0) {
            out.accuracy = figures.accuracy.accuracy();
            if (figures.curve.defined())
                out.area = figures.curve.area;
        }
    } else {
        auto summary = run::summarizeRun(store, runId, "whisper-en");
        if (!summary)
            return summary.error();
        out.variant = QString::fromStdString(summary->variant);
        if (summary->wer)
            out.wer = summary->wer->estimate;
        if (summary->cer)
            out.cer = summary->cer->estimate;
    }
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (it->runId != runId)
            continue;
        auto text = store.operatorProfileJson(it->id);
        if (!text)
            return text.error();
        auto parsed = profile::profileFromJson(*text);
        if (!parsed)
            return parsed.error();
        out.capturedAt = QString::fromStdString(it->capturedAt);
        out.profile = std::make_shared<const profile::OperatorProfile>(std::move(*parsed));
        break;
    }
    return out;
}

} // namespace

Expected<RunProfilesPtr> readRunProfiles(const QString& project, qint64 runA, qint64 runB)
{
    auto out = std::make_shared<RunProfiles>();
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    auto entries = (*store)->operatorProfiles();
    if (!entries)
        return entries.error();
    auto a = readOne(**store, *entries, runA);
    if (!a)
        return a.error();
    out->a = std::move(*a);
    if (runB > 0) {
        auto b = readOne(**store, *entries, runB);
        if (!b)
            return b.error();
        out->b = std::move(*b);
    }
    return RunProfilesPtr(std::move(out));
}

Expected<Done> captureRunProfile(const QString& project, qint64 runId, int utterances, const QString& conditions,
                                 const std::atomic<bool>* cancel)
{
    auto p = profile::profileRun(project.toStdString(), runId, utterances, {}, cancel, conditions.toStdString());
    if (!p)
        return p.error();
    return Done{};
}

} // namespace vox::app
