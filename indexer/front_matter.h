// Splits an entry file into its YAML front matter and its Markdown body.
//
// An entry starts with a line `---`, then YAML, then a line `---` (or `...`), then the body.
// A UTF-8 byte order mark and CRLF line endings are accepted and normalised away. Files over
// kMaxEntryBytes and files that are not valid UTF-8 are rejected before any YAML is parsed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace praxis {

inline constexpr size_t kMaxEntryBytes = 1024 * 1024;

struct FrontMatter {
  std::string yaml;         // the YAML text, LF line endings
  int yaml_first_line = 2;  // the file line holding the first YAML line
  std::string body;         // the Markdown after the closing delimiter
  int body_first_line = 0;  // the file line holding the first body line
};

// Returns false after adding at least one error to *diagnostics.
bool SplitFrontMatter(std::string_view file_text, const std::string& display_path,
                      FrontMatter* out, std::vector<Diagnostic>* diagnostics);

}  // namespace praxis
