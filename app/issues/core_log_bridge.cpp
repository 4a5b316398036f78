#include "app/issues/core_log_bridge.h"

#include "app/issues/issue_model.h"
#include "core/log/log.h"

#include <spdlog/sinks/sink.h>

#include <mutex>

namespace vox::app {

class CoreLogBridge::Sink final : public spdlog::sinks::sink {
public:
    explicit Sink(IssueModel* model) : m_model(model) { set_level(spdlog::level::warn); }

    void detach()
    {
        std::lock_guard lock(m_mutex);
        m_model = nullptr;
    }

    void log(const spdlog::details::log_msg& msg) override
    {
        if (!should_log(msg.level))
            return;
        Issue issue;
        issue.severity = msg.level >= spdlog::level::err ? Issue::Severity::Error : Issue::Severity::Warning;
        issue.message = QString::fromUtf8(msg.payload.data(), static_cast<qsizetype>(msg.payload.size()));
        issue.source = QString::fromUtf8(msg.logger_name.data(), static_cast<qsizetype>(msg.logger_name.size()));
        std::lock_guard lock(m_mutex);
        if (m_model)
            m_model->report(issue); // queued when called from a worker thread
    }

    void flush() override {}
    void set_pattern(const std::string&) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

private:
    std::mutex m_mutex;
    IssueModel* m_model;
};

CoreLogBridge::CoreLogBridge(IssueModel* model, QObject* parent)
    : QObject(parent), m_sink(std::make_shared<Sink>(model))
{
    vox::log::addSink(m_sink);
}

CoreLogBridge::~CoreLogBridge()
{
    m_sink->detach();
}

} // namespace vox::app
