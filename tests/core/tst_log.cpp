// core's named loggers: one per subsystem, shared sinks, one level for all.
#include "core/log/log.h"

#include <spdlog/sinks/ostream_sink.h>

#include <QTest>

#include <sstream>

class TestLog : public QObject {
    Q_OBJECT

private slots:
    void sameNameGivesSameLogger()
    {
        auto a = vox::log::get("audio");
        auto b = vox::log::get("audio");
        QCOMPARE(a.get(), b.get());
        QCOMPARE(QString::fromStdString(a->name()), QStringLiteral("audio"));
        QVERIFY(vox::log::get("store").get() != a.get());
    }

    void addedSinkReachesOldAndNewLoggers()
    {
        auto before = vox::log::get("before");
        static std::ostringstream out; // sinks stay registered for the process
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
        sink->set_pattern("%n|%l|%v");
        vox::log::addSink(sink);
        auto after = vox::log::get("after");

        vox::log::setLevel(spdlog::level::info);
        before->info("one");
        after->warn("two");
        after->debug("hidden at info level");
        const std::string text = out.str();
        QVERIFY2(text.find("before|info|one") != std::string::npos, text.c_str());
        QVERIFY2(text.find("after|warning|two") != std::string::npos, text.c_str());
        QVERIFY(text.find("hidden") == std::string::npos);

        vox::log::setLevel(spdlog::level::debug);
        QCOMPARE(vox::log::level(), spdlog::level::debug);
        after->debug("shown at debug level");
        QVERIFY(out.str().find("after|debug|shown at debug level") != std::string::npos);
        vox::log::setLevel(spdlog::level::warn);
    }
};

QTEST_APPLESS_MAIN(TestLog)
#include "tst_log.moc"
