#include "app/cli/import_command.h"

#include "core/audio/audio_decoder.h"
#include "core/dataset/dataset_import.h"
#include "core/store/dataset_records.h"
#include "core/text/byte_text.h"
#include "core/util/parallel.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>

namespace vox::cli {

namespace {

struct ImportArgs {
    std::string path, project, name, format = "auto", split = "all";
    std::string audioColumn = "path", textColumn = "text", idColumn, speakerColumn;
    bool allowMissingAudio = false;
    bool probe = false;
    size_t showSkipped = 20;
};

Expected<dataset::ImportReport> readDataset(const ImportArgs& a)
{
    auto format = dataset::parseFormat(a.format);
    if (!format)
        return format.error();
    dataset::ImportOptions options;
    options.format = *format;
    options.columns.audio = a.audioColumn;
    options.columns.text = a.textColumn;
    options.columns.id = a.idColumn;
    options.columns.speaker = a.speakerColumn;
    options.requireAudioFiles = !a.allowMissingAudio;
    auto split = dataset::parseSplit(a.split);
    if (!split)
        return split.error();
    options.split = *split;
    return dataset::importDataset(a.path, options);
}

void printReport(const dataset::ImportReport& report, size_t showSkipped, CliContext& context)
{
    double seconds = 0;
    size_t withDuration = 0;
    std::map<std::string, int> speakers;
    for (const auto& u : report.utterances) {
        if (u.duration > 0)
            seconds += u.duration, ++withDuration;
        if (!u.speaker.empty())
            ++speakers[u.speaker];
    }
    context.out << "source:     " << text::displayPath(report.source) << "\n"
                << "format:     " << dataset::formatName(report.format) << "\n"
                << "utterances: " << report.utterances.size() << "\n"
                << "speakers:   " << speakers.size() << "\n";
    if (withDuration)
        context.out << "duration:   " << seconds / 3600.0 << " h (from the manifest, " << withDuration
                    << " utterances)\n";
    context.out << "skipped:    " << report.skipped.size() << "\n";
    for (size_t i = 0; i < report.skipped.size() && i < showSkipped; ++i) {
        const auto& s = report.skipped[i];
        context.out << "  " << s.file;
        if (s.line > 0)
            context.out << ":" << s.line;
        context.out << ": " << s.reason << "\n";
    }
    if (report.skipped.size() > showSkipped)
        context.out << "  ... and " << report.skipped.size() - showSkipped << " more (--show-skipped N)\n";
    for (const auto& note : report.notes)
        context.out << "note: " << note << "\n";
}

int runImport(const ImportArgs& a, CliContext& context)
{
    if (auto refused = refuseReadOnly(a.project, "import", context)) // asked before a long read
        return *refused;
    auto report = readDataset(a);
    if (!report) {
        context.err << "voxbench-cli import: " << report.error().describe() << "\n";
        return 1;
    }
    printReport(*report, a.showSkipped, context);
    if (report->utterances.empty()) {
        context.err << "voxbench-cli import: nothing to import\n";
        return 1;
    }

    auto store = store::ProjectStore::open(a.project);
    if (!store) {
        context.err << "voxbench-cli import: " << store.error().describe() << "\n";
        return 1;
    }
    auto records = store::utteranceRecords(*report);
    const store::DatasetRecord dataset = store::datasetRecord(*report, a.name);
    auto id = (*store)->addDataset(dataset, records);
    if (!id) {
        context.err << "voxbench-cli import: " << id.error().describe() << "\n";
        return 1;
    }
    context.out << "imported " << records.size() << " utterances into " << text::escapeBytes(a.project)
                << " as dataset " << *id << " ('" << dataset.name << "')\n";
    return 0;
}

// Decodes every utterance's audio (in parallel; a header probe misses truncated and corrupt
// files) and reports the total duration and each utterance that cannot be read, with the
// reason: what a run would meet, found before it starts.
void probeAudio(const dataset::ImportReport& report, size_t show, CliContext& context)
{
    const auto& utterances = report.utterances;
    std::vector<std::optional<Error>> errors(utterances.size());
    std::vector<double> seconds(utterances.size(), 0.0);
    parallelRanges(utterances.size(), 0, [&](size_t begin, size_t end, size_t) {
        for (size_t i = begin; i < end; ++i) {
            audio::DecodeOptions options;
            options.startSeconds = utterances[i].start;
            options.endSeconds = utterances[i].end;
            auto decoded = audio::decodeAudio(utterances[i].audio, options);
            if (!decoded)
                errors[i] = decoded.error();
            else
                seconds[i] = double(decoded->samples.size()) / decoded->sampleRate;
        }
    });
    double total = 0;
    size_t failed = 0;
    for (size_t i = 0; i < utterances.size(); ++i) {
        total += seconds[i];
        if (errors[i] && failed++ < show)
            context.out << "  unreadable: " << utterances[i].id << ": " << text::escapeBytes(errors[i]->describe())
                        << "\n";
    }
    context.out << "audio:      " << utterances.size() - failed << " readable, " << failed << " unreadable, "
                << total / 3600.0 << " h decoded\n";
}

int runInfo(const ImportArgs& a, CliContext& context)
{
    std::error_code ec;
    const bool isProject = std::filesystem::is_regular_file(a.path, ec)
                           && (a.path.ends_with(".voxbench") || a.path.ends_with(".sqlite") || a.path.ends_with(".db"));
    if (!isProject) {
        auto report = readDataset(a);
        if (!report) {
            context.err << "voxbench-cli info: " << report.error().describe() << "\n";
            return 1;
        }
        printReport(*report, a.showSkipped, context);
        if (a.probe)
            probeAudio(*report, a.showSkipped, context);
        return 0;
    }
    auto store = store::ProjectStore::open(a.path, store::ProjectStore::Mode::ReadOnly);
    if (!store) {
        context.err << "voxbench-cli info: " << store.error().describe() << "\n";
        return 1;
    }
    auto datasets = (*store)->datasets();
    auto variants = (*store)->variants();
    auto runs = (*store)->runs();
    if (!datasets || !variants || !runs) {
        context.err << "voxbench-cli info: cannot read the project\n";
        return 1;
    }
    context.out << "project: " << text::escapeBytes(a.path) << " (schema " << (*store)->schemaVersion() << ")\n"
                << "datasets: " << datasets->size() << "\n";
    for (const auto& d : *datasets)
        context.out << "  [" << d.id << "] " << d.name << ": " << d.utteranceCount << " utterances, " << d.format
                    << ", from " << text::escapeBytes(d.source) << ", imported " << d.importedAt << "\n";
    context.out << "variants: " << variants->size() << "\n";
    for (const auto& v : *variants)
        context.out << "  [" << v.id << "] " << text::escapeBytes(v.name) << ": " << text::escapeBytes(v.packagePath)
                    << "\n";
    context.out << "runs: " << runs->size() << "\n";
    for (const auto& r : *runs) {
        auto results = (*store)->results(r.id);
        context.out << "  [" << r.id << "] variant " << r.variantId << " on dataset " << r.datasetId << ": "
                    << r.status << ", " << (results ? results->size() : 0) << " results\n";
    }
    return 0;
}

void addDatasetOptions(CLI::App* cmd, const std::shared_ptr<ImportArgs>& a)
{
    cmd->add_option("--format", a->format,
                    "auto, folder, librispeech, nemo, kaldi, commonvoice, table; keyword spotting: kws-clips, "
                    "kws-stream, label-folders")
        ->capture_default_str();
    cmd->add_option("--split", a->split,
                    "label-folders: all, testing, validation (by testing_list.txt / validation_list.txt) or training "
                    "(in neither list)")
        ->capture_default_str();
    cmd->add_option("--audio-column", a->audioColumn, "table format: the column with audio paths")->capture_default_str();
    cmd->add_option("--text-column", a->textColumn, "table format: the column with transcripts")->capture_default_str();
    cmd->add_option("--id-column", a->idColumn, "table format: the column with utterance ids (default: file stem)");
    cmd->add_option("--speaker-column", a->speakerColumn, "table format: the column with speaker ids");
    cmd->add_flag("--allow-missing-audio", a->allowMissingAudio, "Keep utterances whose audio file does not exist");
    cmd->add_option("--show-skipped", a->showSkipped, "How many skipped lines to list")->capture_default_str();
}

} // namespace

void addImportCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand("import", "Import a dataset (folder, LibriSpeech, NeMo, Kaldi, Common Voice, "
                                                 "CSV/TSV; KWS clips, streams, label folders) into a project");
    cmd->add_option("dataset", a->path, "Dataset directory or manifest")->required();
    cmd->add_option("--project,-p", a->project, "Project file (created if missing)")->required();
    cmd->add_option("--name", a->name, "Dataset name in the project (default: the folder or file name)");
    addDatasetOptions(cmd, a);
    cmd->callback([a, &context, &exitCode] { exitCode = runImport(*a, context); });
}

void addInfoCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand("info", "Describe a dataset (what import would read and skip) or a project file");
    cmd->add_option("path", a->path, "Dataset directory, manifest, or project file (.voxbench)")->required();
    cmd->add_flag("--probe", a->probe, "Decode every utterance: total duration, and the ones whose audio cannot be read");
    addDatasetOptions(cmd, a);
    cmd->callback([a, &context, &exitCode] { exitCode = runInfo(*a, context); });
}

} // namespace vox::cli
