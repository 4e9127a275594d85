#include "server_config.h"

#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "config_file.h"

namespace praxis {

namespace {

// Absolute, so the printed configuration means the same from any folder.
std::string AbsolutePath(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

int UsageError(const std::string& message) {
  std::cerr << "praxis-server: " << message << "\nRun with --help for usage.\n";
  return 2;
}

}  // namespace

int ParseServerCommandLine(int argc, char** argv, ServerCommandLine* out) {
  ServerOptions given;  // the values given on the command line, where given
  CLI::App app{"Serve faceted search over a Praxis index."};
  app.add_option("--config", out->config_path,
                 "Configuration file (praxis.yaml); the options below override it");
  CLI::Option* index = app.add_option("--index", given.index, "Index stub file or Xapian database");
  CLI::Option* host = app.add_option("--host", given.host, "Address to listen on");
  CLI::Option* port = app.add_option("--port", given.port, "Port (0 picks a free one)")
                          ->check(CLI::Range(0, 65535));
  CLI::Option* web = app.add_option("--web", given.web, "Folder with templates/ and static/");
  CLI::Option* schemas = app.add_option("--schemas", given.schemas, "Folder with vocabulary.yaml");
  CLI::Option* threads = app.add_option("--threads", given.threads, "Request threads")
                             ->check(CLI::Range(1, 256));
  CLI::Option* log_queries = app.add_flag(
      "--log-queries,!--no-log-queries", given.log_queries,
      "Also log the query string of each request (never the client address); off by default");
  CLI::Option* content = app.add_option(
      "--content", given.content, "Folder of entry files; approved submissions are written here");
  CLI::Option* submissions = app.add_option(
      "--submissions", given.submissions, "Folder where web submissions wait for review");
  CLI::Option* review_token_file = app.add_option(
      "--review-token-file", given.review_token_file,
      "File holding the editors' token; enables the /review pages");
  CLI::Option* submissions_per_hour = app.add_option(
      "--submissions-per-hour", given.submissions_per_hour,
                 "Submissions accepted per client address and hour")
      ->check(CLI::Range(1, 100000));
  app.add_flag("--print-config", out->print_config,
               "Print the effective configuration as YAML and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return UsageError(e.what());
  }

  ServerOptions& o = out->options;
  o = ServerOptions{};
  bool has_index = false;
  if (!out->config_path.empty()) {
    ConfigFile file;
    std::string error;
    if (!LoadConfigFile(out->config_path, &file, &error)) return UsageError("error: " + error);
    has_index = file.index.has_value();
    o.index = file.index.value_or(o.index);
    o.schemas = file.schemas.value_or(o.schemas);
    o.host = file.server_host.value_or(o.host);
    o.port = file.server_port.value_or(o.port);
    o.web = file.server_web.value_or(o.web);
    o.threads = file.server_threads.value_or(o.threads);
    o.log_queries = file.server_log_queries.value_or(o.log_queries);
    o.content = file.content.value_or(o.content);
    o.submissions = file.submissions.value_or(o.submissions);
    o.review_token_file = file.server_review_token_file.value_or(o.review_token_file);
    o.submissions_per_hour = file.server_submissions_per_hour.value_or(o.submissions_per_hour);
  }
  if (index->count()) o.index = given.index;
  if (host->count()) o.host = given.host;
  if (port->count()) o.port = given.port;
  if (web->count()) o.web = given.web;
  if (schemas->count()) o.schemas = given.schemas;
  if (threads->count()) o.threads = given.threads;
  if (log_queries->count()) o.log_queries = given.log_queries;
  if (content->count()) o.content = given.content;
  if (submissions->count()) o.submissions = given.submissions;
  if (review_token_file->count()) o.review_token_file = given.review_token_file;
  if (submissions_per_hour->count()) o.submissions_per_hour = given.submissions_per_hour;
  // A server started on a default index path by accident would serve the wrong data quietly.
  if (!has_index && !index->count() && !out->print_config) {
    return UsageError("name the index with --index or with 'index:' in the --config file");
  }
  return -1;
}

std::string FormatServerConfig(const ServerCommandLine& command_line) {
  const ServerOptions& o = command_line.options;
  std::string out = "# praxis-server's effective configuration: built-in defaults, then ";
  out += command_line.config_path.empty() ? std::string("no configuration file")
                                          : AbsolutePath(command_line.config_path);
  out += ", then the command line.\n";
  out += "index: " + YamlScalar(AbsolutePath(o.index)) + "\n";
  out += "schemas: " + YamlScalar(AbsolutePath(o.schemas)) + "\n";
  out += "content: " + YamlScalar(AbsolutePath(o.content)) + "\n";
  out += "submissions: " + YamlScalar(AbsolutePath(o.submissions)) + "\n";
  out += "server:\n";
  out += "  host: " + YamlScalar(o.host) + "\n";
  out += "  port: " + std::to_string(o.port) + "\n";
  out += "  web: " + YamlScalar(AbsolutePath(o.web)) + "\n";
  out += "  threads: " + std::to_string(o.threads) + "\n";
  out += std::string("  log_queries: ") + (o.log_queries ? "true" : "false") + "\n";
  out += o.review_token_file.empty()
             ? std::string("  # review_token_file: none, so there are no /review pages\n")
             : "  review_token_file: " + YamlScalar(AbsolutePath(o.review_token_file)) + "\n";
  out += "  submissions_per_hour: " + std::to_string(o.submissions_per_hour) + "\n";
  return out;
}

}  // namespace praxis
