#include "index_cli_config.h"

#include <filesystem>
#include <iostream>

#include "config_file.h"

namespace praxis::cli {

namespace {

std::string AbsolutePath(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

// True when the option was given on the command line (a given option beats the file).
bool Given(const CLI::App& app, const char* name) {
  const CLI::Option* option = app.get_option_no_throw(name);
  return option && option->count() > 0;
}

}  // namespace

void AddConfigFileOptions(CLI::App& app, ConfigFileOptions* options) {
  app.add_option("--config", options->path,
                 "Configuration file (praxis.yaml); the other options override it");
  app.add_flag("--print-config", options->print,
               "Print the effective configuration as YAML and exit");
}

int ApplyConfigFile(const CLI::App& app, const ConfigFileOptions& options, Settings* s) {
  if (!options.path.empty()) {
    ConfigFile file;
    std::string error;
    if (!LoadConfigFile(options.path, &file, &error)) {
      std::cerr << "praxis-index: error: " << error << "\nRun with --help for usage.\n";
      return 2;
    }
    if (file.content && !Given(app, "--content")) s->content = *file.content;
    if (file.index && !Given(app, "--index")) s->index = *file.index;
    if (file.schemas && !Given(app, "--schemas")) s->schemas = *file.schemas;
    if (file.submissions && !Given(app, "--submissions")) s->submissions = *file.submissions;
    if (file.indexer_threads && !Given(app, "--threads")) s->threads = *file.indexer_threads;
  }
  if (!options.print) return -1;
  std::cout << "# praxis-index's effective configuration: built-in defaults, then "
            << (options.path.empty() ? std::string("no configuration file")
                                     : AbsolutePath(options.path))
            << ", then the command line.\n"
            << "index: " << YamlScalar(AbsolutePath(s->index)) << "\n"
            << "schemas: " << YamlScalar(AbsolutePath(s->schemas)) << "\n"
            << "content: " << YamlScalar(AbsolutePath(s->content)) << "\n"
            << "submissions: " << YamlScalar(AbsolutePath(s->submissions)) << "\n"
            << "indexer:\n"
            << "  threads: " << s->threads << "\n";
  return 0;
}

}  // namespace praxis::cli
