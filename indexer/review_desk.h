// What an editor does with pending submissions, for `praxis-index review` and the server's
// /review pages alike:
//
//   Check    validate a pending submission again, and find the entries it may duplicate
//   Approve  validate again; copy it into content/<id>.md (never over an existing entry: an id
//            already used anywhere in content/ is refused); remove it from pending; reindex
//   Reject   move it to the rejected folder with the reason
//
// One ReviewDesk serialises its own approvals; the index's writer lock keeps it from clashing
// with a praxis-index run.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "entry.h"
#include "entry_validator.h"
#include "index_builder.h"
#include "index_config.h"
#include "overlap.h"
#include "submission_store.h"

namespace praxis {

struct ReviewPaths {
  std::string submissions = "var/submissions";
  std::string content = "content";
  std::string index = "var/index";
};

struct SubmissionCheck {
  PendingSubmission submission;
  Entry entry;
  bool valid = false;
  std::vector<Diagnostic> diagnostics;  // the validator's, then overlap warnings
  std::vector<OverlapMatch> overlaps;
};

struct ApproveResult {
  bool published = false;    // the file is in content/ and no longer pending
  std::string content_path;  // where it went
  std::vector<Diagnostic> diagnostics;
  IndexResult index;         // the reindex run, when published
  bool indexed = false;      // the reindex succeeded
  std::string error;         // why nothing was published, or why the reindex failed
};

class ReviewDesk {
 public:
  ReviewDesk(ReviewPaths paths, const IndexConfig& config, const EntryValidator& validator);

  const SubmissionStore& store() const { return store_; }
  const ReviewPaths& paths() const { return paths_; }

  // Validates a pending submission and compares it with content/ (or, when `corpus` is given,
  // with that index). False with *error when there is no such submission.
  bool Check(const std::string& id, SubmissionCheck* out, std::string* error) const;
  bool Check(const std::string& id, const Xapian::Database& corpus, SubmissionCheck* out,
             std::string* error) const;

  ApproveResult Approve(const std::string& id);

  // The reason is required: contributors and later editors need to know why.
  bool Reject(const std::string& id, const std::string& reason, std::string* error) const;

 private:
  bool Validate(const PendingSubmission& s, SubmissionCheck* out) const;

  ReviewPaths paths_;
  SubmissionStore store_;
  const IndexConfig& config_;
  const EntryValidator& validator_;
  std::mutex approve_mutex_;
};

// The entries of content/ that pass validation (for comparisons), or false with *error when the
// folder cannot be read.
bool LoadValidEntries(const std::string& content_dir, const EntryValidator& validator,
                      std::vector<Entry>* entries, std::string* error);

}  // namespace praxis
