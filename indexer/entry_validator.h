// Reads and validates one entry file against the schema and the vocabulary.
//
// Everything a contributor can get wrong in a single file is reported here, each problem at the
// position of the offending YAML node, all of them at once (the parse does not stop at the first
// error). Problems that need several files (duplicate ids) are ContentSet's job.
//
// An EntryValidator only reads its Vocabulary; it is safe to use from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "entry.h"
#include "vocabulary.h"

namespace praxis {

// The front-matter fields, in the order the template lists them.
const std::vector<std::string>& EntryFieldNames();

// Designs allowed in `evaluations[].design`.
const std::vector<std::string>& EvaluationDesigns();

class EntryValidator {
 public:
  // `current_year` bounds end_year; pass 0 to use the system clock.
  explicit EntryValidator(const Vocabulary& vocabulary, int current_year = 0);

  // Parses `file_text`. `display_path` is used in diagnostics. When `expected_id` is not empty,
  // the entry's id must equal it (the file name stem). Returns true when no error was found;
  // warnings and notes may still have been added. *entry is filled as far as possible either way.
  bool Parse(std::string_view file_text, const std::string& display_path,
             const std::string& expected_id, Entry* entry,
             std::vector<Diagnostic>* diagnostics) const;

  const Vocabulary& vocabulary() const { return vocabulary_; }

 private:
  const Vocabulary& vocabulary_;
  int current_year_;
};

}  // namespace praxis
