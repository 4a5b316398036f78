#include "app/results/comparison.h"

#include "core/store/project_store.h"


namespace vox::app {

Expected<ComparisonPtr> readComparison(const QString& project, const QList<qint64>& runIds, const QString& normalizer,
                                       const std::atomic<bool>* cancel)
{
    auto out = std::make_shared<Comparison>();
    out->normalizer = normalizer;
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    const std::vector<int64_t> ids(runIds.begin(), runIds.end());
    auto data = run::compareRuns(**store, ids, normalizer.toStdString());
    if (!data)
        return data.error();
    out->data = std::move(*data);
    for (const auto& r : out->data.runs) {
        if (cancel && cancel->load())
            return makeError("the comparison was cancelled");
        std::array<std::optional<double>, 3> wers;
        for (size_t n = 0; n < 3; ++n) {
            if (normalizer == QLatin1String(kNormalizers[n])) { // scored already, above
                wers[n] = r.wer ? std::optional<double>(r.wer->estimate) : std::nullopt;
                continue;
            }
            auto s = run::summarizeRun(**store, r.run.id, kNormalizers[n]);
            if (s && s->wer)
                wers[n] = s->wer->estimate;
        }
        out->werByNormalizer.push_back(wers);
    }
    if (cancel && cancel->load())
        return makeError("the comparison was cancelled");
    out->analysis = run::analyzeRuns(out->data);
    return ComparisonPtr(std::move(out));
}

} // namespace vox::app
