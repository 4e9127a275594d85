// Diagnostics: what contributors see when an entry has a problem.
//
// Every problem is reported at a position in a file, compiler style:
//   content/FILE.md:LINE:COL: error: MESSAGE
// Lines and columns are 1-based. Errors make an entry invalid; warnings and notes do not.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace praxis {

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  std::string file;
  int line = 1;
  int column = 1;
  Severity severity = Severity::kError;
  std::string message;
  // The field the problem belongs to ("countries", "sources[1].url"), empty for file-level
  // problems. The web form uses it to show a message beside its input.
  std::string field;
};

const char* SeverityName(Severity severity);

// "FILE:LINE:COL: error: MESSAGE"
std::string FormatDiagnostic(const Diagnostic& d);
nlohmann::json DiagnosticToJson(const Diagnostic& d);

// Sorts by file, then line, then column, so output is stable whatever the parse order.
void SortDiagnostics(std::vector<Diagnostic>* diagnostics);

// Counts for the summary line: "2 errors in 1 of 64 files".
struct DiagnosticSummary {
  int errors = 0;
  int warnings = 0;
  int notes = 0;
  int files_with_errors = 0;
};
DiagnosticSummary Summarize(const std::vector<Diagnostic>& diagnostics);
std::string FormatSummary(const DiagnosticSummary& summary, int files_checked);

}  // namespace praxis
