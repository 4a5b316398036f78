#include "core/text/byte_text.h"

namespace vox::text {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool inRange(unsigned char c, unsigned char low, unsigned char high)
{
    return c >= low && c <= high;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace

size_t utf8SequenceLength(std::string_view bytes, size_t at)
{
    const auto byte = [&](size_t i) { return at + i < bytes.size() ? static_cast<unsigned char>(bytes[at + i]) : 0; };
    const unsigned char c = byte(0);
    if (at >= bytes.size())
        return 0;
    if (c < 0x80)
        return 1;
    const auto cont = [&](size_t i) { return inRange(byte(i), 0x80, 0xBF); };
    if (inRange(c, 0xC2, 0xDF))
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
        return inRange(byte(1), low, high) && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
        return inRange(byte(1), low, high) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

size_t invalidUtf8Offset(std::string_view bytes)
{
    for (size_t at = 0; at < bytes.size();) {
        if (static_cast<unsigned char>(bytes[at]) < 0x80) { // the common case, byte by byte
            ++at;
            continue;
        }
        const size_t length = utf8SequenceLength(bytes, at);
        if (length == 0)
            return at;
        at += length;
    }
    return kValidUtf8;
}

std::string escapeBytes(std::string_view bytes)
{
    if (isValidUtf8(bytes) && bytes.find("\\x") == std::string_view::npos)
        return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() + 16);
    for (size_t at = 0; at < bytes.size();) {
        const char c = bytes[at];
        if (c == '\\') {
            out += "\\\\";
            ++at;
            continue;
        }
        const size_t length = utf8SequenceLength(bytes, at);
        if (length == 0) {
            const auto b = static_cast<unsigned char>(c);
            out += "\\x";
            out += kHex[b >> 4];
            out += kHex[b & 15];
            ++at;
            continue;
        }
        out.append(bytes.substr(at, length));
        at += length;
    }
    return out;
}

std::string unescapeBytes(std::string_view text)
{
    if (text.find("\\x") == std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '\\' && at + 1 < text.size() && text[at + 1] == '\\') {
            out += '\\';
            ++at;
        } else if (text[at] == '\\' && at + 3 < text.size() && text[at + 1] == 'x' && hexValue(text[at + 2]) >= 0
            && hexValue(text[at + 3]) >= 0) {
            out += static_cast<char>(hexValue(text[at + 2]) * 16 + hexValue(text[at + 3]));
            at += 3;
        } else {
            out += text[at];
        }
    }
    return out;
}

std::string describeInvalidUtf8(std::string_view bytes, size_t offset)
{
    const auto b = offset < bytes.size() ? static_cast<unsigned char>(bytes[offset]) : 0;
    return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 15] + " at byte offset " + std::to_string(offset);
}

} // namespace vox::text
