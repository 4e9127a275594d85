// The configuration file (praxis.yaml) shared by praxis-server and praxis-index.
//
//   index: var/index          # index stub file (both programs)
//   schemas: schemas          # folder with vocabulary.yaml and synonyms.yaml (both)
//   content: content          # folder of entry files (praxis-index)
//   submissions: var/submissions  # folder of contributions awaiting review
//   server:
//     host: 127.0.0.1
//     port: 8080
//     web: web
//     threads: 0              # 0: the built-in default
//     log_queries: false
//     review_token_file: /etc/praxis/review-token   # enables the /review pages
//     submissions_per_hour: 10  # per client address
//   indexer:
//     threads: 0              # 0: one per core
//
// Every key is optional; a key left out keeps the program's default, and a command-line option
// overrides the file. A relative path is taken from the folder of the file, so a configuration
// means the same thing whatever the working directory. An unknown key, a duplicate key or a
// value of the wrong type is an error naming the file and line, because a misspelt key that
// was silently ignored would leave a server running with settings nobody chose.
#pragma once

#include <optional>
#include <string>

namespace praxis {

struct ConfigFile {
  std::string path;  // the file that was read

  std::optional<std::string> index;
  std::optional<std::string> schemas;
  std::optional<std::string> content;
  std::optional<std::string> submissions;

  std::optional<std::string> server_host;
  std::optional<int> server_port;
  std::optional<std::string> server_web;
  std::optional<int> server_threads;
  std::optional<bool> server_log_queries;
  std::optional<std::string> server_review_token_file;
  std::optional<int> server_submissions_per_hour;

  std::optional<int> indexer_threads;
};

// Reads and checks `path`. False with "FILE:LINE: message" in *error on any problem.
bool LoadConfigFile(const std::string& path, ConfigFile* config, std::string* error);

// A value as a YAML scalar, quoted when YAML would otherwise read it as something else.
std::string YamlScalar(const std::string& value);

}  // namespace praxis
