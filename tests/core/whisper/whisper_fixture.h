#pragma once
// The Whisper engine fixture written by tools/whisper/make_engine_fixture.py.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace vox::test {

inline const std::string kWhisperDir = VOXBENCH_FIXTURE_DIR "/whisper/";

inline nlohmann::json readWhisperFixture()
{
    std::ifstream in(kWhisperDir + "engine_fixture.json");
    if (!in)
        throw std::runtime_error("no Whisper engine fixture in " + kWhisperDir + " (did voxbench_fixtures run?)");
    return nlohmann::json::parse(in);
}

// Raw 16 kHz float32 samples.
inline std::vector<float> readSamples(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    const auto bytes = static_cast<size_t>(in.tellg());
    std::vector<float> samples(bytes / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(samples.data()), static_cast<std::streamsize>(samples.size() * sizeof(float)));
    return samples;
}

inline std::vector<std::vector<float>> readUtterances(const nlohmann::json& fixture)
{
    std::vector<std::vector<float>> out;
    for (const auto& u : fixture.at("utterances"))
        out.push_back(readSamples(u.at("file").get<std::string>()));
    return out;
}

inline std::string describeTokens(const std::vector<int64_t>& tokens)
{
    std::string s;
    for (size_t i = 0; i < tokens.size(); ++i)
        s += (i ? " " : "") + std::to_string(tokens[i]);
    return s;
}

} // namespace vox::test
