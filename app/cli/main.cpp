// voxbench-cli: VoxBench's runs and scoring on servers, without a display. Links core alone.
#include "app/cli/classify_command.h"
#include "app/cli/cli_context.h"
#include "app/cli/cluster_commands.h"
#include "app/cli/compare_command.h"
#include "app/cli/env_command.h"
#include "app/cli/import_command.h"
#include "app/cli/profile_command.h"
#include "app/cli/run_command.h"
#include "app/cli/score_command.h"
#include "app/cli/transcribe_command.h"
#include "app/cli/variant_command.h"
#include "core/log/log.h"
#include "core/version.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <functional>
#include <iostream>

int main(int argc, char** argv)
{
    vox::cli::CliContext context{std::cout, std::cerr};

    CLI::App app{"VoxBench command line: measure what speeding up a speech model costs and breaks.", "voxbench-cli"};
    app.set_version_flag("--version", std::string("voxbench-cli ") + vox::kVersion);
    app.require_subcommand(0, 1);
    app.allow_extras();

    std::string logLevel;
    app.add_option("--log-level", logLevel, "Developer log level: trace, debug, info, warn, error, off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
    app.parse_complete_callback([&logLevel] {
        if (!logLevel.empty())
            vox::log::setLevel(spdlog::level::from_str(logLevel));
    });

    int exitCode = 0;
    vox::cli::addEnvCommand(app, context, exitCode);
    vox::cli::addScoreCommand(app, context, exitCode);
    vox::cli::addImportCommand(app, context, exitCode);
    vox::cli::addInfoCommand(app, context, exitCode);
    vox::cli::addTranscribeCommand(app, context, exitCode);
    vox::cli::addVariantCommand(app, context, exitCode);
    vox::cli::addClassifyCommand(app, context, exitCode);
    vox::cli::addRunCommands(app, context, exitCode);
    vox::cli::addCompareCommand(app, context, exitCode);
    vox::cli::addMergeCommand(app, context, exitCode);
    vox::cli::addSlurmCommand(app, context, exitCode);
    vox::cli::addProfileCommand(app, context, exitCode);

    // The top level keeps extras to name an unknown command itself; a command refuses an
    // unknown option while parsing, before it runs (a misspelt option must not start a run).
    std::function<void(CLI::App*)> strict = [&strict](CLI::App* command) {
        for (CLI::App* sub : command->get_subcommands({})) {
            sub->allow_extras(false);
            strict(sub);
        }
    };
    strict(&app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    std::string commands;
    for (const CLI::App* sub : app.get_subcommands({}))
        commands += (commands.empty() ? "" : ", ") + sub->get_name();
    if (!app.remaining().empty()) {
        context.err << "voxbench-cli: unknown command or argument '" << app.remaining().front()
                    << "'. Commands: " << commands << ". See voxbench-cli --help.\n";
        return 2;
    }
    if (app.get_subcommands().empty()) {
        context.err << "voxbench-cli: choose a command (" << commands << "). See voxbench-cli --help.\n";
        return 2;
    }
    // Output that did not reach its file (a full disk, a closed pipe) is a failure, not a result.
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "voxbench-cli: the output could not be written (" << std::strerror(errno)
                  << "); what was printed is incomplete\n";
        return exitCode != 0 ? exitCode : 1;
    }
    return exitCode;
}
