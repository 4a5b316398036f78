#pragma once
// A run executor without a model, for tests of the run queue and the sessions: it writes one
// result per pending utterance into the project (the reference as the hypothesis, with the
// last word left out for a variant whose name contains "int8", which also finds no speech in the
// third utterance: a no-speech probability of 0.9), reports each as a batch, and
// honours pause and cancel between utterances, as core's executor does between batches. A
// gate lets a test hold it after a given number of utterances.
#include "app/run/run_queue.h"
#include "core/run/run_status.h"
#include "core/store/project_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_set>

namespace vox::test {

class FakeRunExecutor {
public:
    // From now on, at most `utterances` more are written until allow() is called again.
    void allow(int utterances)
    {
        std::lock_guard lock(m_state->mutex);
        m_state->permits = utterances;
        m_state->changed.notify_all();
    }
    void allowAll() { allow(INT_MAX); }
    int written() const { return m_state->written.load(); }
    int executions() const { return m_state->executions.load(); }

    app::RunExecutor executor() const
    {
        return [state = m_state](const QString& project, qint64 runId, run::RunControl& control,
                                 const run::RunEvents& events) { return execute(*state, project, runId, control, events); };
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable changed;
        int permits = INT_MAX;
        std::atomic<int> written{0};
        std::atomic<int> executions{0};
    };

    // Waits for a permit; false when the run is paused or cancelled meanwhile.
    static bool takePermit(State& state, const run::RunControl& control)
    {
        std::unique_lock lock(state.mutex);
        while (state.permits <= 0) {
            if (control.pause || control.cancel)
                return false;
            state.changed.wait_for(lock, std::chrono::milliseconds(10));
        }
        if (state.permits != INT_MAX)
            --state.permits;
        return true;
    }

    static std::string hypothesisFor(const std::string& reference, bool dropLastWord)
    {
        if (!dropLastWord)
            return reference;
        const auto space = reference.find_last_of(' ');
        return space == std::string::npos ? std::string() : reference.substr(0, space);
    }

    static run::RunOutcome execute(State& state, const QString& project, qint64 runId, run::RunControl& control,
                                   const run::RunEvents& events)
    {
        ++state.executions;
        run::RunOutcome out;
        auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
        if (!store) {
            out.message = store.error().describe();
            return out;
        }
        auto stop = [&](run::RunStatus status, std::string message = {}) {
            (void)(*store)->setRunStatus(runId, run::runStatusName(status), message);
            out.status = status;
            out.message = std::move(message);
            return out;
        };
        auto record = (*store)->run(runId);
        if (!record)
            return stop(run::RunStatus::Failed, record.error().describe());
        const auto card = nlohmann::json::parse(record->cardJson);
        const bool int8 = card["variant"]["name"].get<std::string>().find("int8") != std::string::npos;
        const int64_t limit = card["settings"].value("limit", int64_t(0));
        auto all = (*store)->utterances(record->datasetId);
        auto pending = (*store)->pendingUtterances(runId);
        if (!all || !pending)
            return stop(run::RunStatus::Failed, "cannot read the run's utterances");
        const auto covered = run::runUtterances(std::move(*all), limit);
        const std::unordered_set<int64_t> open(pending->begin(), pending->end());
        out.progress.total = int64_t(covered.size());
        for (const auto& u : covered)
            out.progress.done += open.count(u.id) ? 0 : 1;
        if (control.cancel)
            return stop(run::RunStatus::Cancelled, "cancelled before it started");
        if (control.pause)
            return stop(run::RunStatus::Paused);
        (void)(*store)->setRunStatus(runId, run::runStatusName(run::RunStatus::Running));
        if (events.onStage)
            events.onStage("running");
        for (const auto& u : covered) {
            if (!open.count(u.id))
                continue;
            const bool permitted = takePermit(state, control);
            if (control.cancel)
                return stop(run::RunStatus::Cancelled, "cancelled");
            if (control.pause || !permitted)
                return stop(run::RunStatus::Paused);
            store::ResultRecord r;
            r.runId = runId;
            r.utteranceId = u.id;
            r.hypothesis = hypothesisFor(u.reference, int8);
            r.timingsJson = nlohmann::json{{"per_utterance_ms", 10.0 + double(u.id % 7)}, {"audio_s", u.duration.value_or(1.0)}}.dump();
            // Whisper's no-speech probability: the int8 variant "hears silence" in the third utterance.
            const bool silent = int8 && u.id == covered[std::min<size_t>(2, covered.size() - 1)].id;
            r.outputJson = nlohmann::json{{"no_speech_probability", {silent ? 0.9 : 0.05}}, {"no_speech", false}}.dump();
            if (auto added = (*store)->addResults({r}); !added)
                return stop(run::RunStatus::Failed, added.error().describe());
            ++state.written;
            ++out.progress.done;
            ++out.progress.doneThisSession;
            out.progress.audioSeconds += u.duration.value_or(1.0);
            if (events.onResults)
                events.onResults({r}, out.progress);
        }
        return stop(run::RunStatus::Finished);
    }

    std::shared_ptr<State> m_state = std::make_shared<State>();
};

} // namespace vox::test
