#pragma once
// Internal to core/audio: the size a RIFF/WAVE file declares for its audio data.
#include <cstdint>
#include <filesystem>
#include <optional>

namespace vox::audio::detail {

struct WavDataChunk {
    std::uint64_t offset = 0; // of the first audio byte
    std::uint64_t declaredBytes = 0; // as the 'data' chunk header says
};

// Walks the chunk list of a RIFF/WAVE file to its 'data' chunk. Needed because FFmpeg's wav
// demuxer silently ignores a data size larger than the file, so a truncated WAV looks complete
// through it. Returns nothing for other files, RF64, and the sizes streaming writers leave as
// streaming sizes (0, 0xFFFFFFFF from ffmpeg, 0x7FFFF000 from sox), which declare no length.
std::optional<WavDataChunk> readWavDataChunk(const std::filesystem::path& path);

} // namespace vox::audio::detail
