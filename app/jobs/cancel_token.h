#pragma once
#include <atomic>
#include <memory>

namespace vox::app {

// A stop request shared by the thread that asks (the UI) and the thread that works. Copies
// share one flag; flag() is what core's long calls take (`const std::atomic<bool>* cancel`).
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}

    void cancel() const { m_flag->store(true); }
    bool cancelled() const { return m_flag->load(); }
    const std::atomic<bool>* flag() const { return m_flag.get(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace vox::app
