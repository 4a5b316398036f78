#include "fuzz_targets.h"

#include "core/dataset/dataset_import.h"
#include "core/kws/package.h"
#include "core/scoring/transcripts.h"
#include "core/store/project_store.h"
#include "core/text/normalizer.h"
#include "core/whisper/package.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vox::fuzz {

namespace fs = std::filesystem;

namespace {

// One scratch folder per process, made once; every input is written into it as the file the
// reader under test opens.
const fs::path& scratch()
{
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("voxbench-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

fs::path writeFile(const fs::path& path, const uint8_t* data, size_t size)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

void importAs(const char* file, dataset::Format format, const uint8_t* data, size_t size)
{
    const fs::path path = writeFile(scratch() / file, data, size);
    dataset::ImportOptions options;
    options.format = format;
    options.requireAudioFiles = false;
    (void)dataset::importDataset(path, options);
}

// Two files from one input: split at the first 0xFF byte (which UTF-8 text never holds).
std::pair<std::string, std::string> halves(const uint8_t* data, size_t size)
{
    const std::string all(reinterpret_cast<const char*>(data), size);
    const size_t cut = all.find('\xff');
    if (cut == std::string::npos)
        return {all, {}};
    return {all.substr(0, cut), all.substr(cut + 1)};
}

void nemo(const uint8_t* d, size_t n) { importAs("m.json", dataset::Format::NemoManifest, d, n); }
void table(const uint8_t* d, size_t n) { importAs("t.csv", dataset::Format::Table, d, n); }
void commonVoice(const uint8_t* d, size_t n) { importAs("cv/test.tsv", dataset::Format::CommonVoice, d, n); }
void kwsClips(const uint8_t* d, size_t n) { importAs("clips.json", dataset::Format::KwsClips, d, n); }
void kwsStream(const uint8_t* d, size_t n) { importAs("stream.json", dataset::Format::KwsStream, d, n); }

void kaldi(const uint8_t* d, size_t n)
{
    const auto [text, scp] = halves(d, n);
    const fs::path dir = scratch() / "kaldi";
    writeFile(dir / "text", reinterpret_cast<const uint8_t*>(text.data()), text.size());
    writeFile(dir / "wav.scp", reinterpret_cast<const uint8_t*>(scp.data()), scp.size());
    dataset::ImportOptions options;
    options.format = dataset::Format::KaldiDirectory;
    options.requireAudioFiles = false;
    (void)dataset::importDataset(dir, options);
}

void transcripts(const uint8_t* d, size_t n)
{
    const std::string text(reinterpret_cast<const char*>(d), n);
    for (auto format : {scoring::TranscriptFormat::Trn, scoring::TranscriptFormat::Kaldi, scoring::TranscriptFormat::Auto})
        (void)scoring::parseTranscripts(text, format);
}

void normalizers(const uint8_t* d, size_t n)
{
    const std::string_view text(reinterpret_cast<const char*>(d), n);
    for (const char* name : {"none", "basic", "whisper-en"})
        if (auto normalizer = text::makeNormalizer(name))
            (void)(*normalizer)->normalize(text);
}

void whisperManifest(const uint8_t* d, size_t n)
{
    const fs::path dir = scratch() / "whisper-package";
    writeFile(dir / "voxbench-model.json", d, n);
    (void)whisper::readPackage(dir, {false, nullptr});
}

void kwsManifest(const uint8_t* d, size_t n)
{
    const fs::path dir = scratch() / "kws-package";
    writeFile(dir / "voxbench-kws.json", d, n);
    (void)kws::readPackage(dir, false);
}

void project(const uint8_t* d, size_t n)
{
    const fs::path path = scratch() / "p.voxbench";
    for (const char* side : {"-wal", "-shm"})
        fs::remove(path.string() + side);
    writeFile(path, d, n);
    auto store = store::ProjectStore::open(path, store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return;
    (void)(*store)->datasets();
    (void)(*store)->variants();
    if (auto runs = (*store)->runs())
        for (const auto& r : *runs)
            (void)(*store)->results(r.id);
    (void)(*store)->operatorProfiles();
}

} // namespace

const std::vector<Target>& targets()
{
    static const std::vector<Target> list{
        {"nemo", nemo},
        {"table", table},
        {"commonvoice", commonVoice},
        {"kaldi", kaldi},
        {"kws_clips", kwsClips},
        {"kws_stream", kwsStream},
        {"transcripts", transcripts},
        {"normalizers", normalizers},
        {"whisper_manifest", whisperManifest},
        {"kws_manifest", kwsManifest},
        {"project", project},
    };
    return list;
}

const Target* findTarget(const std::string& name)
{
    for (const auto& t : targets())
        if (name == t.name)
            return &t;
    return nullptr;
}

} // namespace vox::fuzz
