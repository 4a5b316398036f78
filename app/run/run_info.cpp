#include "app/run/run_info.h"

#include "app/format/numbers.h"

#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/store/project_store.h"
#include "core/store/run_lease.h"

#include <QCoreApplication>

#include <map>

namespace vox::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

class RunTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::RunTexts)
public:
    static QString line(const run::RunSettings& s, SettingsKind kind)
    {
        const bool spotter = kind == SettingsKind::KeywordSpotter;
        QStringList parts{QString::fromStdString(s.device)};
        if (!spotter)
            parts << QString::fromStdString(s.dtype);
        parts << tr("%n thread(s)", nullptr, s.threads) << tr("batch %1").arg(s.batch);
        if (!spotter)
            parts << tr("beam %1").arg(s.beam);
        parts << tr("warm-up %1").arg(s.warmup) << tr("repeats %1").arg(s.repeats);
        if (s.optimize)
            parts << tr("optimized");
        if (s.limit > 0)
            parts << tr("first %1").arg(s.limit);
        if (!spotter && s.noSpeechThreshold)
            parts << tr("no speech above %1").arg(formatNumber(*s.noSpeechThreshold, 2));
        if (s.chunkSamples > 0)
            parts << tr("chunk %1").arg(s.chunkSamples);
        else if (spotter)
            parts << tr("the package's chunk");
        return parts.join(QStringLiteral(" · "));
    }
    static QString unknownStatus(const QString& name)
    {
        return tr("status \"%1\" is unknown to this VoxBench (a newer one wrote it)").arg(name);
    }
};

} // namespace

QList<const RunInfo*> latestRunPerVariant(const QList<RunInfo>& runs, qint64 dataset, bool keywordSpotting)
{
    QList<const RunInfo*> out;
    QList<qint64> variantsSeen;
    for (auto it = runs.crbegin(); it != runs.crend(); ++it)
        if (it->keywordSpotting() == keywordSpotting && it->datasetId == dataset && it->status != run::RunStatus::Failed
            && !variantsSeen.contains(it->variantId)) {
            variantsSeen << it->variantId;
            out.prepend(&*it);
        }
    return out;
}

QString settingsLine(const std::string& settingsJson, SettingsKind kind)
{
    auto s = run::runSettingsFromJson(settingsJson);
    return s ? RunTexts::line(*s, kind) : QString();
}

QString settingsLine(const run::RunSettings& settings, SettingsKind kind)
{
    return RunTexts::line(settings, kind);
}

Expected<QList<RunInfo>> readRuns(const QString& projectPath)
{
    QList<RunInfo> out;
    auto store = store::ProjectStore::open(projectPath.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    auto runs = (*store)->runs();
    auto counts = (*store)->resultCounts();
    auto datasets = (*store)->datasets();
    if (!runs || !counts || !datasets)
        return !runs ? runs.error() : !counts ? counts.error() : datasets.error();
    std::map<int64_t, store::ProjectStore::ResultCount> countOf;
    for (const auto& c : *counts)
        countOf[c.runId] = c;
    std::map<int64_t, int64_t> sizeOf;
    std::map<int64_t, QString> formatOf;
    for (const auto& d : *datasets) {
        sizeOf[d.id] = d.utteranceCount;
        formatOf[d.id] = qs(d.format);
    }
    std::map<int64_t, QString> elsewhere; // leases of other processes that are alive
    if (auto leases = (*store)->runLeases()) {
        const double now = store::unixNow();
        for (const auto& lease : *leases)
            if (!store::heldByThisProcess(lease) && !store::leaseIsStale(lease, now))
                elsewhere[lease.runId] = qs(store::describeHeldLease(lease));
    } else {
        return leases.error();
    }
    std::map<int64_t, const store::RunRecord*> firstOnDataset;
    for (const auto& r : *runs) {
        RunInfo info;
        info.id = r.id;
        info.variantId = r.variantId;
        info.datasetId = r.datasetId;
        if (const auto status = run::parseRunStatus(r.status)) {
            info.status = *status;
            info.message = qs(r.message);
        } else { // written by a newer VoxBench: nothing here can act on it
            info.status = run::RunStatus::Failed;
            info.message = RunTexts::unknownStatus(qs(r.status));
        }
        info.cardJson = qs(r.cardJson);
        info.createdAt = qs(r.createdAt);
        if (const auto card = run::readRunCard(r.cardJson)) {
            info.variant = qs(card->variantName);
            info.dataset = qs(card->datasetName);
            info.family = qs(card->variantFamily);
            info.parameters = card->variantParameters;
            const bool spotter = card->variantFamily.rfind("kws", 0) == 0;
            info.settings = card->hasSettings
                                ? settingsLine(card->settings, spotter ? SettingsKind::KeywordSpotter : SettingsKind::SpeechModel)
                                : QString();
            info.device = qs(card->settings.device);
            const int64_t limit = card->settings.limit;
            info.total = limit > 0 ? std::min(limit, sizeOf[r.datasetId]) : sizeOf[r.datasetId];
        } else if (info.message.isEmpty()) {
            info.message = qs(card.error().describe()); // the card is damaged: say so where it shows
        }
        info.datasetFormat = formatOf[r.datasetId];
        if (const auto held = elsewhere.find(r.id); held != elsewhere.end())
            info.elsewhere = held->second;
        info.done = countOf[r.id].results;
        info.failed = countOf[r.id].failed;
        auto [first, isFirst] = firstOnDataset.emplace(r.datasetId, &r);
        if (!isFirst)
            info.notComparable = qs(run::describe(run::differences(first->second->cardJson, r.cardJson)));
        out.push_back(std::move(info));
    }
    return out;
}

} // namespace vox::app
