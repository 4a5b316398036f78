#pragma once
// The committed keyword-spotting demo (resources/demo/kws/): its packages and audio.
#include "core/audio/audio_decoder.h"
#include "core/kws/demo_data.h"

#include <QTest>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace vox::test {

inline const std::filesystem::path kKwsDemo = std::filesystem::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "kws";

// The six packages train_kws.py writes; a missing one fails the tests that list them.
inline const std::vector<std::string> kKwsPackages{"teacher",      "teacher-int8",      "student-gru32",
                                                   "student-gru32-int8", "student-gru16", "student-gru16-int8"};

// Every package folder under models/, sorted (the committed set, whatever it holds).
inline std::vector<std::filesystem::path> kwsPackageFolders()
{
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(kKwsDemo / "models"))
        if (entry.is_directory())
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

inline std::filesystem::path kwsPackage(const std::string& name)
{
    return kKwsDemo / "models" / name;
}

inline std::vector<float> decode16k(const std::filesystem::path& path)
{
    auto decoded = audio::decodeAudio(path);
    if (!decoded)
        throw std::runtime_error(decoded.error().describe());
    return std::move(decoded->samples);
}

// One data row per demo package, in column "name" (QFETCH(QString, name)).
inline void addPackageRows()
{
    QTest::addColumn<QString>("name");
    for (const auto& name : kKwsPackages)
        QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

// The demo's labelled clips (clips.json), decoded.
struct DemoClips {
    kws::ClipSet set;
    std::vector<std::vector<float>> audio; // per clip, in the set's order
};

inline DemoClips readDemoClips()
{
    auto set = kws::readClipSet(kKwsDemo / "clips.json");
    if (!set)
        throw std::runtime_error(set.error().describe());
    DemoClips out{std::move(*set), {}};
    for (const auto& clip : out.set.clips)
        out.audio.push_back(decode16k(clip.audio));
    return out;
}

} // namespace vox::test
