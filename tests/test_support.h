// Helpers shared by the tests: a valid entry to mutate, temporary folders, running commands.
#pragma once

#include <string>
#include <vector>

#include "diagnostic.h"
#include "vocabulary.h"

namespace praxis::test {

// The project's real vocabulary, loaded once.
const Vocabulary& ProjectVocabulary();
std::string SchemasDir();

// A complete, valid entry with the given id; `extra` lines are appended to the front matter.
std::string ValidEntry(const std::string& id = "sample-practice", const std::string& extra = "");

// Replaces the first occurrence of `from` (which must exist) by `to`.
std::string Replace(std::string text, const std::string& from, const std::string& to);

// A fresh empty folder under the system temp folder, removed at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Write(const std::string& relative, const std::string& contents) const;

 private:
  std::string path_;
};

struct CommandResult {
  int status = -1;
  std::string out;  // stdout and stderr together
};
CommandResult RunCommand(const std::string& command);

// Messages of the diagnostics, formatted, one per element.
std::vector<std::string> Formatted(const std::vector<Diagnostic>& diagnostics);

}  // namespace praxis::test
