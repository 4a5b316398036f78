// A warning torch emits on every call must reach the log once and be counted, on every thread
// that installed the handler (QNNPACK's reduce_range warning is the real case).
#include "core/log/log.h"
#include "core/torch/script_module.h"
#include "core/torch/torch_warnings.h"

#include <spdlog/sinks/base_sink.h>

#include <QTest>

#include <mutex>
#include <thread>

namespace {

class CollectingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<std::pair<std::string, std::string>> messages() // (logger, text)
    {
        std::lock_guard lock(mutex_);
        return m_messages;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        m_messages.emplace_back(std::string(msg.logger_name.data(), msg.logger_name.size()),
                                std::string(msg.payload.data(), msg.payload.size()));
    }
    void flush_() override {}

private:
    std::vector<std::pair<std::string, std::string>> m_messages;
};

const std::string kModule = VOXBENCH_FIXTURE_DIR "/tiny/tiny_mlp.pt";
const std::string kWarning = "tiny_mlp noisy() was called";

int64_t countOf(const std::string& message)
{
    for (const auto& w : vox::torchWarningCounts())
        if (w.message.find(message) != std::string::npos)
            return w.count;
    return 0;
}

} // namespace

class TestTorchWarnings : public QObject {
    Q_OBJECT

private slots:
    void repeatedWarningIsLoggedOnceAndCounted()
    {
        auto sink = std::make_shared<CollectingSink>();
        vox::log::addSink(sink);
        vox::resetTorchWarningCounts();

        auto module = vox::ScriptModule::load(kModule);
        QVERIFY(module.ok());
        const vox::TensorData x{{2}, {1.f, 2.f}};
        for (int i = 0; i < 5; ++i)
            QVERIFY(module->runMethod("noisy", {x}).ok());
        QCOMPARE(countOf(kWarning), int64_t(5));

        // A worker thread installs the same handler; its warnings join the same count.
        std::thread worker([&] {
            auto own = vox::ScriptModule::load(kModule);
            for (int i = 0; i < 3; ++i)
                (void)own->runMethod("noisy", {x});
        });
        worker.join();
        QCOMPARE(countOf(kWarning), int64_t(8));

        int logged = 0;
        for (const auto& [logger, text] : sink->messages())
            if (logger == "torch" && text.find(kWarning) != std::string::npos)
                ++logged;
        QCOMPARE(logged, 1);
        QCOMPARE(vox::torchWarningCounts().size(), size_t(1));
    }

    void resetForgetsEverything()
    {
        vox::resetTorchWarningCounts();
        QVERIFY(vox::torchWarningCounts().empty());
    }
};

QTEST_APPLESS_MAIN(TestTorchWarnings)
#include "tst_torch_warnings.moc"
