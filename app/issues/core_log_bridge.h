#pragma once
#include <QObject>
#include <QPointer>

#include <memory>

namespace vox::app {

class IssueModel;

// Forwards core's warnings and errors (spdlog, any thread) into the Issues dock, so users see
// what went wrong without reading a log. Detaches when destroyed; the sink stays registered
// with core's logging but forwards nothing afterwards.
class CoreLogBridge : public QObject {
    Q_OBJECT
public:
    explicit CoreLogBridge(IssueModel* model, QObject* parent = nullptr);
    ~CoreLogBridge() override;

    class Sink;

private:
    std::shared_ptr<Sink> m_sink;
};

} // namespace vox::app
