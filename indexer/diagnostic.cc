#include "diagnostic.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace praxis {

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
         SeverityName(d.severity) + ": " + d.message;
}

nlohmann::json DiagnosticToJson(const Diagnostic& d) {
  nlohmann::json j = {{"file", d.file},
                      {"line", d.line},
                      {"column", d.column},
                      {"severity", SeverityName(d.severity)},
                      {"message", d.message}};
  if (!d.field.empty()) j["field"] = d.field;
  return j;
}

void SortDiagnostics(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
                   });
}

DiagnosticSummary Summarize(const std::vector<Diagnostic>& diagnostics) {
  DiagnosticSummary s;
  std::set<std::string> files;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::kError:
        ++s.errors;
        files.insert(d.file);
        break;
      case Severity::kWarning: ++s.warnings; break;
      case Severity::kNote: ++s.notes; break;
    }
  }
  s.files_with_errors = static_cast<int>(files.size());
  return s;
}

static std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string FormatSummary(const DiagnosticSummary& s, int files_checked) {
  std::string out;
  if (s.errors > 0) {
    out = Plural(s.errors, "error") + " in " + std::to_string(s.files_with_errors) + " of " +
          Plural(files_checked, "file");
  } else {
    out = "no errors in " + Plural(files_checked, "file");
  }
  if (s.warnings > 0) out += ", " + Plural(s.warnings, "warning");
  if (s.notes > 0) out += ", " + Plural(s.notes, "note");
  return out;
}

}  // namespace praxis
