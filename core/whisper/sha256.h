#pragma once
#include "core/util/expected.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace vox::whisper {

// SHA-256 (FIPS 180-4), written here because VoxBench links no crypto library; used only to
// check that a model package's files are the ones its manifest lists.
class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    // Lowercase hex digest; the object is spent afterwards.
    std::string finishHex();

private:
    void block(const uint8_t* p);
    uint32_t m_h[8];
    uint8_t m_buf[64];
    size_t m_used = 0;
    uint64_t m_bytes = 0;
};

// Hex SHA-256 of a file's contents; error (with the file as context) if it cannot be read.
Expected<std::string> sha256File(const std::filesystem::path& path);

// A package file against the digest its manifest lists for it under `name`: the error (with the
// file as context) says that it changed after export, with the start of both digests.
Expected<Done> checkSha256(const std::filesystem::path& file, const std::string& name, const std::string& expectedHex);

} // namespace vox::whisper
