// A second process for tst_store_processes: waits until the gate file exists (so several start
// their opening at once), opens the project for writing (which migrates an old one) and prints
// "schema N", or the error. Exit 0 when opened.
#include "core/store/project_store.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: store_open_helper PROJECT GATE\n";
        return 2;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!std::filesystem::exists(argv[2]) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    auto store = vox::store::ProjectStore::open(argv[1], vox::store::ProjectStore::Mode::OpenExisting);
    if (!store) {
        std::cout << "error: " << store.error().describe() << "\n";
        return 1;
    }
    std::cout << "schema " << (*store)->schemaVersion() << "\n";
    return 0;
}
