// What the praxis-index commands share: the global options, diagnostics output (text on stderr,
// or one JSON document on stdout) and error exits.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostic.h"

namespace praxis::cli {

struct Settings {
  std::string content = "content";
  std::string index = "var/index";
  std::string schemas = "schemas";
  std::string submissions = "var/submissions";
  std::string format = "text";
  bool check = false;
  bool full = false;
  bool quiet = false;
  bool overlaps = true;  // --no-overlaps turns overlap warnings off
  int threads = 0;
};

// Text: one line per diagnostic and a summary on stderr. JSON: `extra` with "diagnostics" and
// "summary" added, on stdout.
void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, int files, const Settings& s,
                      const nlohmann::json& extra);

// Prints "praxis-index: error: MESSAGE" and returns 1.
int Fail(const std::string& message);

}  // namespace praxis::cli
