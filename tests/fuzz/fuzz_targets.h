#pragma once
// The readers of untrusted input, each behind one entry point that takes bytes: a libFuzzer
// target per entry in the fuzz preset (fuzz_main.cpp), and the regression test that replays the
// committed corpus and every crash input found so far (tst_fuzz_corpus.cpp) in the default build.
// An entry must never crash, hang or leak on any input; errors are values and are ignored here.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vox::fuzz {

struct Target {
    const char* name; // also the corpus folder: tests/fuzz/corpus/<name>/
    void (*run)(const uint8_t* data, size_t size);
};

const std::vector<Target>& targets();
const Target* findTarget(const std::string& name);

} // namespace vox::fuzz
