// The fuzz corpus as a regression test in every build: each target's committed inputs
// (tests/fuzz/corpus/<target>/) and every crash input a fuzz run has found
// (tests/fuzz/crashes/<target>/) go through the same entry point the fuzzer uses. A crash,
// an abort or a sanitizer report fails the test; the inputs are listed as they run.
#include "fuzz_targets.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

int main()
{
    const fs::path root = VOXBENCH_FUZZ_DIR;
    size_t inputs = 0;
    for (const auto& target : vox::fuzz::targets()) {
        size_t mine = 0;
        for (const char* kind : {"corpus", "crashes"}) {
            const fs::path dir = root / kind / target.name;
            if (!fs::is_directory(dir))
                continue;
            std::vector<fs::path> files;
            for (const auto& entry : fs::directory_iterator(dir))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                std::ifstream in(file, std::ios::binary);
                const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                std::fprintf(stderr, "%s: %s\n", target.name, file.filename().c_str());
                target.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
                ++mine;
            }
        }
        if (mine == 0) {
            std::fprintf(stderr, "FAIL: target %s has no corpus in %s\n", target.name, (root / "corpus").c_str());
            return 1;
        }
        std::printf("%-18s %zu inputs\n", target.name, mine);
        inputs += mine;
    }
    std::printf("%zu inputs through %zu targets, none crashed\n", inputs, vox::fuzz::targets().size());
    return 0;
}
