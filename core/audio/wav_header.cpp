#include "core/audio/wav_header.h"

#include <array>
#include <cstring>
#include <fstream>

namespace vox::audio::detail {

namespace {

std::uint32_t littleEndian32(const unsigned char* bytes)
{
    return std::uint32_t(bytes[0]) | std::uint32_t(bytes[1]) << 8 | std::uint32_t(bytes[2]) << 16
        | std::uint32_t(bytes[3]) << 24;
}

bool declaresNoLength(std::uint32_t size)
{
    return size == 0 || size == 0xFFFFFFFFu || size == 0x7FFFF000u;
}

} // namespace

std::optional<WavDataChunk> readWavDataChunk(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    std::array<unsigned char, 12> riff {};
    if (!file.read(reinterpret_cast<char*>(riff.data()), riff.size()))
        return std::nullopt;
    if (std::memcmp(riff.data(), "RIFF", 4) != 0 || std::memcmp(riff.data() + 8, "WAVE", 4) != 0)
        return std::nullopt;

    std::uint64_t offset = riff.size();
    // Real files have a handful of chunks; the bound keeps a hostile chunk list cheap.
    for (int chunk = 0; chunk < 1000; ++chunk) {
        std::array<unsigned char, 8> header {};
        if (!file.read(reinterpret_cast<char*>(header.data()), header.size()))
            return std::nullopt;
        const std::uint32_t size = littleEndian32(header.data() + 4);
        offset += header.size();
        if (std::memcmp(header.data(), "data", 4) == 0) {
            if (declaresNoLength(size))
                return std::nullopt;
            return WavDataChunk {offset, size};
        }
        offset += size + (size & 1u); // chunks are padded to an even size
        if (!file.seekg(static_cast<std::streamoff>(offset)))
            return std::nullopt;
    }
    return std::nullopt;
}

} // namespace vox::audio::detail
