// The praxis-index subcommands besides checking and indexing (see praxis_index_main.cc).
#pragma once

#include <string>
#include <vector>

#include "cli_support.h"
#include "entry_draft.h"
#include "entry_validator.h"
#include "index_config.h"

namespace praxis::cli {

// `praxis-index new`: the fields given as options; missing or invalid ones are asked for when
// stdin is a terminal.
struct NewOptions {
  EntryDraft draft;
  std::vector<std::string> source_titles;
  std::vector<std::string> source_urls;
  bool youth_participation = false;
  bool gender_responsive = false;
};
int RunNew(const Settings& s, const IndexConfig& config, const EntryValidator& validator,
           NewOptions options);

// `praxis-index review list | show ID | approve ID | reject ID --reason TEXT`.
struct ReviewOptions {
  std::string action;
  std::string id;
  std::string reason;
};
int RunReview(const Settings& s, const IndexConfig& config, const EntryValidator& validator,
              const ReviewOptions& options);

// `praxis-index overlaps`: clusters of overlapping entries in content/.
int RunOverlaps(const Settings& s, const IndexConfig& config, const EntryValidator& validator,
                double threshold);

// Overlap warnings for entries `ids` of the index at `index_path`, compared with the rest of it.
// Above `limit` ids nothing is compared and *skipped is set: a full build of a very large corpus
// would spend far longer on comparisons than on indexing.
std::vector<Diagnostic> IndexOverlapWarnings(const std::string& index_path,
                                             const std::vector<std::string>& ids, size_t limit,
                                             bool* skipped);

// Overlap warnings among `entries` (both entries of a pair get one).
std::vector<Diagnostic> EntryOverlapWarnings(const std::vector<Entry>& entries,
                                             const Vocabulary& vocabulary);

}  // namespace praxis::cli
