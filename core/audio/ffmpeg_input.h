#pragma once
// Internal to core/audio: one opened input file and FFmpeg error text. Not installed.
#include "core/text/byte_text.h"
#include "core/util/expected.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

struct AVCodecContext;
struct AVFormatContext;
struct AVFrame;
struct AVPacket;
struct AVStream;

namespace vox::audio::detail {

// Everything FFmpeg allocates for one open file, owned by one call on one thread.
struct InputFile {
    std::filesystem::path path;
    std::uintmax_t fileSize = 0;
    AVFormatContext* format = nullptr;
    AVCodecContext* decoder = nullptr;
    AVStream* stream = nullptr; // the first audio stream; owned by `format`
    AVPacket* packet = nullptr;
    AVFrame* frame = nullptr;

    InputFile() = default;
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile();
};

// Checks the path (exists, regular file, not empty), opens the container with only the file
// protocol (so "http:..." or "concat:..." in a name is just a name), selects the first audio
// stream and opens its decoder single-threaded (calls run in parallel across files instead).
Expected<std::unique_ptr<InputFile>> openInput(const std::filesystem::path& path);

// av_strerror's text for `code`, plus the last error line FFmpeg logged on this thread since
// clearFfmpegMessage(), which is often the specific reason ("moov atom not found").
std::string ffmpegReason(int code);
void clearFfmpegMessage();

inline Error fileError(const std::filesystem::path& path, std::string message)
{
    return makeError(std::move(message), text::displayPath(path)); // a path shown, not opened
}

// "0.25 s", "12.5 min", "4.0 h": durations in messages.
std::string describeDuration(double seconds);

} // namespace vox::audio::detail
