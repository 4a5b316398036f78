#include "app/run/run_info.h"

#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/store/project_store.h"

#include <QCoreApplication>
#include <QtConcurrent>

#include <nlohmann/json.hpp>

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
    static QString line(const run::RunSettings& s)
    {
        QStringList parts{QString::fromStdString(s.device), QString::fromStdString(s.dtype),
                          tr("%n thread(s)", nullptr, s.threads), tr("batch %1").arg(s.batch),
                          tr("beam %1").arg(s.beam), tr("warm-up %1").arg(s.warmup), tr("repeats %1").arg(s.repeats)};
        if (s.optimize)
            parts << tr("optimized");
        if (s.limit > 0)
            parts << tr("first %1").arg(s.limit);
        return parts.join(QStringLiteral(" · "));
    }
};

} // namespace

QString settingsLine(const std::string& settingsJson)
{
    auto s = run::runSettingsFromJson(settingsJson);
    return s ? RunTexts::line(*s) : QString();
}

QString settingsLine(const run::RunSettings& settings)
{
    return RunTexts::line(settings);
}

QList<RunInfo> readRuns(const QString& projectPath, QString* error)
{
    QList<RunInfo> out;
    auto fail = [&](const Error& e) {
        if (error)
            *error = qs(e.describe());
        return QList<RunInfo>{};
    };
    auto store = store::ProjectStore::open(projectPath.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return fail(store.error());
    auto runs = (*store)->runs();
    auto counts = (*store)->resultCounts();
    auto datasets = (*store)->datasets();
    if (!runs || !counts || !datasets)
        return fail(!runs ? runs.error() : !counts ? counts.error() : datasets.error());
    std::map<int64_t, store::ProjectStore::ResultCount> countOf;
    for (const auto& c : *counts)
        countOf[c.runId] = c;
    std::map<int64_t, int64_t> sizeOf;
    for (const auto& d : *datasets)
        sizeOf[d.id] = d.utteranceCount;
    std::map<int64_t, const store::RunRecord*> firstOnDataset;
    for (const auto& r : *runs) {
        RunInfo info;
        info.id = r.id;
        info.variantId = r.variantId;
        info.datasetId = r.datasetId;
        info.status = qs(r.status);
        info.message = qs(r.message);
        info.cardJson = qs(r.cardJson);
        info.createdAt = qs(r.createdAt);
        const auto card = nlohmann::json::parse(r.cardJson, nullptr, false);
        if (card.is_object()) {
            info.variant = qs(card.value("variant", nlohmann::json::object()).value("name", ""));
            info.dataset = qs(card.value("dataset", nlohmann::json::object()).value("name", ""));
            const auto settings = card.value("settings", nlohmann::json::object());
            info.settings = settingsLine(settings.dump());
            info.device = qs(settings.value("device", "cpu"));
            const int64_t limit = settings.value("limit", int64_t(0));
            info.total = limit > 0 ? std::min(limit, sizeOf[r.datasetId]) : sizeOf[r.datasetId];
        }
        info.done = countOf[r.id].results;
        info.failed = countOf[r.id].failed;
        auto [first, isFirst] = firstOnDataset.emplace(r.datasetId, &r);
        if (!isFirst)
            info.notComparable = qs(run::describe(run::differences(first->second->cardJson, r.cardJson)));
        out.push_back(std::move(info));
    }
    return out;
}

QFuture<QList<RunInfo>> loadRuns(const QString& projectPath)
{
    return QtConcurrent::run([projectPath] { return readRuns(projectPath); });
}

} // namespace vox::app
