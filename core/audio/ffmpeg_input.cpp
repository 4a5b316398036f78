#include "core/audio/ffmpeg_input.h"

#include "core/log/log.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/log.h>
}

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <system_error>

namespace vox::audio::detail {

namespace {

// The last error FFmpeg logged on this thread. Each call decodes on its own thread with a
// single-threaded decoder, so the line belongs to the call that reads it.
thread_local std::string t_lastFfmpegError;

std::string trimmed(const char* text)
{
    std::string s(text);
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    s = s.substr(first, last - first + 1);
    for (char& c : s) {
        if (c == '\n' || c == '\r')
            c = ' '; // messages stay one line
    }
    return s;
}

// FFmpeg's own stderr output would bypass VoxBench's logs: its warnings and errors go to the
// "audio" logger at debug level (the Errors returned to callers already carry the reasons).
void ffmpegLogCallback(void* avcl, int level, const char* fmt, va_list args)
{
    if (level > AV_LOG_WARNING)
        return;
    char line[1024];
    int printPrefix = 0;
    av_log_format_line2(avcl, level, fmt, args, line, sizeof line, &printPrefix);
    std::string text = trimmed(line);
    if (text.empty())
        return;
    const char* component = "ffmpeg";
    if (avcl) {
        const AVClass* cls = *static_cast<const AVClass* const*>(avcl);
        if (cls && cls->item_name)
            component = cls->item_name(avcl);
    }
    if (level <= AV_LOG_ERROR)
        t_lastFfmpegError = text;
    vox::log::get("audio")->debug("ffmpeg {}: {}", component, text);
}

void installLogCallback()
{
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(ffmpegLogCallback); });
}

std::string streamKinds(const AVFormatContext* format)
{
    std::string kinds;
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        const AVCodecParameters* par = format->streams[i]->codecpar;
        const char* type = av_get_media_type_string(par->codec_type);
        if (!kinds.empty())
            kinds += ", ";
        kinds += type ? type : "unknown";
        kinds += " (";
        kinds += avcodec_get_name(par->codec_id);
        kinds += ")";
    }
    return kinds.empty() ? std::string("no streams at all") : kinds;
}

} // namespace

InputFile::~InputFile()
{
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&format);
}

std::string ffmpegReason(int code)
{
    char message[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, message, sizeof message);
    std::string reason = message;
    if (!t_lastFfmpegError.empty() && t_lastFfmpegError != reason)
        reason += " (" + t_lastFfmpegError + ")";
    return text::escapeBytes(reason); // FFmpeg's line may quote the file name's bytes
}

void clearFfmpegMessage()
{
    t_lastFfmpegError.clear();
}

std::string describeDuration(double seconds)
{
    char text[64];
    if (seconds >= 3600)
        std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
    else if (seconds >= 120)
        std::snprintf(text, sizeof text, "%.1f min", seconds / 60);
    else
        std::snprintf(text, sizeof text, "%.2f s", seconds);
    return text;
}

Expected<std::unique_ptr<InputFile>> openInput(const std::filesystem::path& path)
{
    installLogCallback();
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return fileError(path, "file not found");
    if (ec)
        return fileError(path, "cannot read the file: " + ec.message());
    if (status.type() == fs::file_type::directory)
        return fileError(path, "is a directory, not an audio file");
    if (status.type() != fs::file_type::regular)
        return fileError(path, "is not a regular file (a device, pipe or socket), not an audio file");

    auto in = std::make_unique<InputFile>();
    in->path = path;
    in->fileSize = fs::file_size(path, ec);
    if (ec)
        return fileError(path, "cannot read the file: " + ec.message());
    if (in->fileSize == 0)
        return fileError(path, "the file is empty (0 bytes)");

    AVDictionary* openOptions = nullptr;
    av_dict_set(&openOptions, "protocol_whitelist", "file", 0);
    const std::string url = "file:" + path.string();
    int ret = avformat_open_input(&in->format, url.c_str(), nullptr, &openOptions);
    av_dict_free(&openOptions);
    if (ret == AVERROR_EOF)
        return fileError(path, "the file is truncated: it ends inside its header");
    if (ret == AVERROR(EACCES))
        return fileError(path, "cannot read the file: permission denied");
    if (ret < 0)
        return fileError(
            path, "not a readable audio file (unknown format, or damaged or truncated): " + ffmpegReason(ret));

    ret = avformat_find_stream_info(in->format, nullptr);
    if (ret < 0)
        return fileError(path,
            std::string("cannot find the streams of this ") + in->format->iformat->name
                + " file (truncated or corrupt?): " + ffmpegReason(ret));

    for (unsigned i = 0; i < in->format->nb_streams; ++i) {
        AVStream* stream = in->format->streams[i];
        if (!in->stream && stream->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
            in->stream = stream;
        else
            stream->discard = AVDISCARD_ALL; // the demuxer then skips video and other streams
    }
    if (!in->stream)
        return fileError(path, "no audio stream: the file holds " + streamKinds(in->format));

    const AVCodecParameters* par = in->stream->codecpar;
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (!codec)
        return fileError(path,
            std::string("the audio codec '") + avcodec_get_name(par->codec_id)
                + "' is not supported by this FFmpeg build");
    in->decoder = avcodec_alloc_context3(codec);
    in->packet = av_packet_alloc();
    in->frame = av_frame_alloc();
    if (!in->decoder || !in->packet || !in->frame)
        return fileError(path, "out of memory opening the decoder");
    ret = avcodec_parameters_to_context(in->decoder, par);
    if (ret < 0)
        return fileError(path, "cannot set up the audio decoder: " + ffmpegReason(ret));
    // Lets the decoder adjust timestamps when it drops the encoder delay, as the ffmpeg tool does.
    in->decoder->pkt_timebase = in->stream->time_base;
    in->decoder->thread_count = 1;
    ret = avcodec_open2(in->decoder, codec, nullptr);
    if (ret < 0)
        return fileError(path,
            std::string("cannot open the '") + codec->name
                + "' decoder (corrupt stream "
                  "parameters?): "
                + ffmpegReason(ret));
    return in;
}

} // namespace vox::audio::detail
