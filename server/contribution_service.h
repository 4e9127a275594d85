// Web submissions, without HTTP: what POST /api/v1/submissions and POST /contribute do with a
// parsed request, and what they answer.
//
//   rate limit (stored submissions per client address per hour, in memory) -> 429
//   honeypot filled                                                          -> 400
//   the entry, validated by EntryValidator as praxis-index --check does      -> 422
//   a dry run (preview) stops here                                           -> 200
//   id already published, or already pending                                 -> 409
//   the submission folder cannot be written (read-only, full, missing)       -> 503
//   stored atomically in <submissions>/pending                                -> 201
// Possible overlaps with published entries are computed on the live index for every outcome
// from validation on, so the contributor sees existing practices before duplicating them.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "entry_validator.h"
#include "index_manager.h"
#include "overlap.h"
#include "rate_limiter.h"
#include "submission.h"
#include "submission_store.h"
#include "vocabulary.h"

namespace praxis {

struct ContributionOptions {
  std::string content = "content";
  std::string submissions = "var/submissions";
  std::string index = "var/index";
  std::string schemas = "schemas";
  std::string web = "web";
  std::string review_token_file;  // empty: no /review pages
  size_t submissions_per_hour = 10;
};

struct SubmissionOutcome {
  int status = 200;
  std::string code;     // "stored", "preview", "invalid_entry", "rate_limited", ...
  std::string message;  // for the contributor; names the problem
  PreparedSubmission prepared;
  bool prepared_valid = false;  // `prepared` holds a validated entry (from 422 on)
  std::vector<OverlapMatch> overlaps;
  std::string receipt;
  std::chrono::seconds retry_after{0};
};

// Possible overlaps of `entry` with the entries of `db` (this thread's handle of the live index).
// The detector and the words of the documents it compared are kept per thread for as long as the
// index revision stays the same, so repeated look-ups do not read the same entries again.
std::vector<OverlapMatch> LiveOverlaps(Xapian::Database& db, const Entry& entry);

class ContributionService {
 public:
  ContributionService(ContributionOptions options, const Vocabulary& vocabulary,
                      IndexManager& index);

  // `client` is the address the rate limit counts by. A dry run stores nothing and is not
  // counted (it is limited separately, more generously).
  SubmissionOutcome Submit(const SubmissionRequest& request, const std::string& client,
                           bool dry_run);

  const SubmissionLimits& limits() const { return limits_; }
  const EntryValidator& validator() const { return validator_; }
  const SubmissionStore& store() const { return store_; }
  const ContributionOptions& options() const { return options_; }

  // Possible overlaps of `entry` with the published entries (the live index).
  std::vector<OverlapMatch> Overlaps(const Entry& entry) const;

 private:
  bool IdTaken(const std::string& id) const;
  std::string FreeIdLike(const std::string& id) const;

  ContributionOptions options_;
  IndexManager& index_;
  EntryValidator validator_;
  SubmissionStore store_;
  SubmissionLimits limits_;
  RateLimiter submissions_;
  RateLimiter previews_;
};

}  // namespace praxis
