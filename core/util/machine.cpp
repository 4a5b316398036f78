#include "core/util/machine.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>

namespace vox {

namespace {

std::string firstLine(const char* path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.pop_back();
    return line;
}

} // namespace

std::string hostName()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0')
        return "unknown-host";
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
        return "host:" + hostName();
    }();
    return id;
}

} // namespace vox
