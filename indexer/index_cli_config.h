// praxis-index's --config and --print-config: the settings of praxis.yaml (config_file.h) that
// concern the indexer, under the options given on the command line.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli_support.h"

namespace praxis::cli {

struct ConfigFileOptions {
  std::string path;  // --config
  bool print = false;  // --print-config
};

// Adds --config and --print-config to the top level of `app`.
void AddConfigFileOptions(CLI::App& app, ConfigFileOptions* options);

// After app.parse(): fills in *s from the file for every option that was not given. Returns -1
// to go on, or the exit status to stop with (0 after --print-config, 2 for a bad file).
int ApplyConfigFile(const CLI::App& app, const ConfigFileOptions& options, Settings* s);

}  // namespace praxis::cli
