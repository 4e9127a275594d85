#include "cli_support.h"

#include <iostream>

namespace praxis::cli {

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, int files, const Settings& s,
                      const nlohmann::json& extra) {
  const auto summary = Summarize(diagnostics);
  if (s.format == "json") {
    nlohmann::json out = extra;
    out["diagnostics"] = nlohmann::json::array();
    for (const auto& d : diagnostics) out["diagnostics"].push_back(DiagnosticToJson(d));
    out["summary"] = {{"files", files},
                      {"errors", summary.errors},
                      {"warnings", summary.warnings},
                      {"notes", summary.notes},
                      {"files_with_errors", summary.files_with_errors}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& d : diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
  if (!s.quiet || summary.errors > 0) std::cerr << FormatSummary(summary, files) << "\n";
}

int Fail(const std::string& message) {
  std::cerr << "praxis-index: error: " << message << "\n";
  return 1;
}

}  // namespace praxis::cli
