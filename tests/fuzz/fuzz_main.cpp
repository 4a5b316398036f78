// libFuzzer's entry point for one target, chosen at build time (VOXBENCH_FUZZ_TARGET).
#include "fuzz_targets.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const vox::fuzz::Target* target = vox::fuzz::findTarget(VOXBENCH_FUZZ_TARGET);
    if (!target)
        std::abort();
    target->run(data, size);
    return 0;
}
