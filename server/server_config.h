// praxis-server's settings: built-in defaults, then the configuration file (--config), then
// the command-line options, each overriding the one before.
#pragma once

#include <string>

#include "http_server.h"

namespace praxis {

struct ServerCommandLine {
  ServerOptions options;  // the effective settings
  std::string config_path;  // "" when no --config was given
  bool print_config = false;
};

// Parses argv (and the file it names). Returns -1 when the server should go on, otherwise the
// exit status to stop with: 0 after --help, 2 for a usage or configuration error (the message
// has been printed to stderr).
int ParseServerCommandLine(int argc, char** argv, ServerCommandLine* out);

// The effective settings as a praxis.yaml that --config accepts back.
std::string FormatServerConfig(const ServerCommandLine& command_line);

}  // namespace praxis
