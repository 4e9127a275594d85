#include "contribution_service.h"

#include <sys/stat.h>

#include <iostream>

#include "practice_lookup.h"
#include "with_index.h"

namespace praxis {

namespace {

// Previews run the validator and one search each: generous, but bounded.
constexpr size_t kPreviewsPerWindow = 600;

std::string Minutes(std::chrono::seconds s) {
  const long long minutes = std::max<long long>(1, (s.count() + 59) / 60);
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

std::vector<OverlapMatch> LiveOverlaps(Xapian::Database& db, const Entry& entry) {
  // The per-document cache (some 20 KB a document) is dropped at this size, which bounds the
  // memory of every request thread on a large index.
  constexpr size_t kMaxCachedDocuments = 256;
  thread_local std::unique_ptr<OverlapDetector> detector;
  thread_local std::string revision;
  std::string current;
  try {
    current = db.get_uuid() + "@" + std::to_string(db.get_revision());
  } catch (const Xapian::InvalidOperationError&) {
    current.clear();  // several shards: no single revision to key a cache on
  }
  if (current.empty() || current != revision || !detector ||
      detector->cached_documents() > kMaxCachedDocuments) {
    detector = std::make_unique<OverlapDetector>(db);
    revision = current;
  }
  return detector->Find(entry);
}

ContributionService::ContributionService(ContributionOptions options, const Vocabulary& vocabulary,
                                         IndexManager& index)
    : options_(std::move(options)),
      index_(index),
      validator_(vocabulary),
      store_(options_.submissions),
      submissions_(options_.submissions_per_hour, std::chrono::hours(1)),
      previews_(kPreviewsPerWindow, std::chrono::hours(1)) {}

std::vector<OverlapMatch> ContributionService::Overlaps(const Entry& entry) const {
  if (entry.title.empty() && entry.summary.empty() && entry.body.empty()) return {};
  return WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot&) {
    return LiveOverlaps(db, entry);
  });
}

// Published (in the index, or as a file in content/) or waiting for review.
bool ContributionService::IdTaken(const std::string& id) const {
  if (FileExists(store_.PendingPath(id)) || FileExists(options_.content + "/" + id + ".md")) {
    return true;
  }
  return WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot&) {
    return FindPractice(db, id).has_value();
  });
}

std::string ContributionService::FreeIdLike(const std::string& id) const {
  for (int n = 2; n < 100; ++n) {
    std::string candidate = id + "-" + std::to_string(n);
    if (candidate.size() > 80) candidate = id.substr(0, 80 - 1 - std::to_string(n).size()) + "-" + std::to_string(n);
    if (IsValidEntryId(candidate) && !IdTaken(candidate)) return candidate;
  }
  return "";
}

SubmissionOutcome ContributionService::Submit(const SubmissionRequest& request,
                                              const std::string& client, bool dry_run) {
  SubmissionOutcome o;
  RateLimiter::Clock::duration wait{};
  RateLimiter& limiter = dry_run ? previews_ : submissions_;
  if (!limiter.Allowed(client, &wait)) {
    o.status = 429;
    o.code = "rate_limited";
    o.retry_after = std::chrono::duration_cast<std::chrono::seconds>(wait) + std::chrono::seconds(1);
    o.message = dry_run ? "too many previews from your address; try again in " + Minutes(o.retry_after)
                        : "more than " + std::to_string(limiter.limit()) +
                              " submissions an hour came from your address; nothing was stored. "
                              "Try again in " + Minutes(o.retry_after);
    return o;
  }
  if (dry_run) previews_.Record(client);
  if (!request.honeypot.empty()) {
    if (!dry_run) submissions_.Record(client);
    o.status = 400;
    o.code = "rejected";
    o.message = "the submission was rejected because the field that must stay empty (\"" +
                std::string(kHoneypotField) + "\") was filled in; nothing was stored";
    return o;
  }

  o.prepared = PrepareSubmission(request.draft, validator_);
  o.prepared_valid = true;
  o.overlaps = Overlaps(o.prepared.entry);
  if (!o.prepared.valid) {
    const auto summary = Summarize(o.prepared.diagnostics);
    o.status = 422;
    o.code = "invalid_entry";
    o.message = "the entry has " + std::to_string(summary.errors) +
                (summary.errors == 1 ? " problem" : " problems") + "; nothing was stored";
    return o;
  }
  if (dry_run) {
    o.status = 200;
    o.code = "preview";
    o.message = "the entry is valid; nothing was stored";
    return o;
  }

  const std::string& id = o.prepared.id;
  const bool pending = FileExists(store_.PendingPath(id));
  if (pending || IdTaken(id)) {
    const std::string other = FreeIdLike(id);
    o.status = 409;
    o.code = "conflict";
    o.message = (pending ? "a submission with the id '" + id + "' is already waiting for review"
                         : "an entry with the id '" + id + "' is already published") +
                "; nothing was stored. Choose another id" +
                (other.empty() ? "" : " (for example '" + other + "')") + " and send it again";
    return o;
  }
  std::string error;
  o.receipt = SubmissionStore::NewReceipt();
  switch (store_.Add(id, o.receipt, o.prepared.file_text, &error)) {
    case SubmissionStore::AddResult::kStored:
      submissions_.Record(client);
      o.status = 201;
      o.code = "stored";
      o.message = "received: an editor will review it before it is published";
      return o;
    case SubmissionStore::AddResult::kConflict:
      o.status = 409;
      o.code = "conflict";
      o.message = "a submission with the id '" + id +
                  "' arrived at the same moment and is waiting for review; nothing was stored. "
                  "Choose another id and send it again";
      o.receipt.clear();
      return o;
    case SubmissionStore::AddResult::kUnavailable:
      // The reason (path, errno) is for the operator's log; the contributor gets what to do.
      std::cerr << "praxis-server: cannot store a submission: " << error << "\n";
      o.status = 503;
      o.code = "submissions_unavailable";
      o.message = "submissions cannot be stored at the moment (the server's submission folder "
                  "is not writable); nothing was stored. Please try again later";
      o.retry_after = std::chrono::seconds(600);
      o.receipt.clear();
      return o;
  }
  return o;
}

}  // namespace praxis
