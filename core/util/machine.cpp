#include "core/util/machine.h"

#include "core/util/strings.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace vox {

namespace {

std::string firstLine(const char* path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return std::string(trimAsciiSpace(line));
}

} // namespace

std::string hostName()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return {};
    return name;
}

std::string machineId()
{
    static const std::string id = [] {
        // Set where machines share one installed image (cloned containers, cluster nodes booted
        // from one root), whose machine ids are alike; and by tests that play another machine.
        if (const char* given = std::getenv("VOXBENCH_MACHINE_ID"); given && *given)
            return std::string(given);
        for (const char* path : {"/etc/machine-id", "/var/lib/dbus/machine-id"})
            if (std::string line = firstLine(path); line.size() >= 16)
                return line;
        const std::string host = hostName();
        return "host:" + (host.empty() ? std::string("unknown") : host);
    }();
    return id;
}

} // namespace vox
