#include "review_desk.h"

#include <cctype>

#include "content_set.h"
#include "file_util.h"

namespace praxis {

namespace {

constexpr size_t kMaxReasonBytes = 4000;

}  // namespace

bool LoadValidEntries(const std::string& content_dir, const EntryValidator& validator,
                      std::vector<Entry>* entries, std::string* error) {
  std::vector<ContentFile> files;
  if (!ScanContent(content_dir, &files, error)) return false;
  std::vector<Diagnostic> ignored;
  CheckAll(files, validator, 0, &ignored, entries);
  return true;
}

ReviewDesk::ReviewDesk(ReviewPaths paths, const IndexConfig& config,
                       const EntryValidator& validator)
    : paths_(std::move(paths)), store_(paths_.submissions), config_(config), validator_(validator) {}

bool ReviewDesk::Validate(const PendingSubmission& s, SubmissionCheck* out) const {
  out->submission = s;
  out->valid = validator_.Parse(s.text, s.path, s.id, &out->entry, &out->diagnostics);
  out->entry.path = s.path;
  return out->valid;
}

bool ReviewDesk::Check(const std::string& id, SubmissionCheck* out, std::string* error) const {
  PendingSubmission s;
  if (!store_.Read(id, &s, error)) return false;
  Validate(s, out);
  std::vector<Entry> entries;
  if (!LoadValidEntries(paths_.content, validator_, &entries, error)) return false;
  OverlapDetector detector(MemoryCorpus(entries, &config_.vocabulary));
  out->overlaps = detector.Find(out->entry);
  for (const OverlapMatch& m : out->overlaps) out->diagnostics.push_back(OverlapWarning(out->entry, m));
  return true;
}

bool ReviewDesk::Check(const std::string& id, const Xapian::Database& corpus, SubmissionCheck* out,
                       std::string* error) const {
  PendingSubmission s;
  if (!store_.Read(id, &s, error)) return false;
  Validate(s, out);
  OverlapDetector detector(corpus);
  out->overlaps = detector.Find(out->entry);
  for (const OverlapMatch& m : out->overlaps) out->diagnostics.push_back(OverlapWarning(out->entry, m));
  return true;
}

ApproveResult ReviewDesk::Approve(const std::string& id) {
  std::lock_guard<std::mutex> lock(approve_mutex_);
  ApproveResult r;
  PendingSubmission s;
  if (!store_.Read(id, &s, &r.error)) return r;
  SubmissionCheck check;
  if (!Validate(s, &check)) {
    r.diagnostics = std::move(check.diagnostics);
    r.error = "the submission has errors: fix them in " + s.path + " or reject it";
    return r;
  }
  r.diagnostics = std::move(check.diagnostics);

  // An id must be unique across content/, whatever file or folder declares it.
  std::vector<ContentFile> files;
  if (!ScanContent(paths_.content, &files, &r.error)) return r;
  for (const ContentFile& f : files) {
    if (f.id == id) {
      r.error = "an entry with the id '" + id + "' already exists: " + f.path;
      return r;
    }
  }
  std::vector<Entry> entries;
  std::vector<Diagnostic> ignored;
  CheckAll(files, validator_, 0, &ignored, &entries);
  for (const Entry& e : entries) {
    if (e.id == id) {
      r.error = "an entry with the id '" + id + "' already exists: " + e.path;
      return r;
    }
  }
  r.content_path = paths_.content;
  while (r.content_path.size() > 1 && r.content_path.back() == '/') r.content_path.pop_back();
  r.content_path += "/" + id + ".md";
  bool exists = false;
  if (!CreateFileAtomically(r.content_path, SubmissionStore::WithoutHeader(s.text), &exists,
                            &r.error)) {
    if (exists) r.error = "an entry with the id '" + id + "' already exists: " + r.content_path;
    return r;
  }
  std::string remove_error;
  if (!store_.Remove(id, &remove_error)) {
    // Published all the same; the stale pending file is harmless and reported.
    r.diagnostics.push_back({s.path, 1, 1, Severity::kWarning, remove_error, ""});
  }
  r.published = true;

  Indexer indexer(validator_, config_.synonyms, config_.fingerprint);
  IndexOptions options;
  options.content_dir = paths_.content;
  options.index_path = paths_.index;
  r.indexed = indexer.Run(options, &r.index);
  if (!r.indexed) {
    r.error = r.index.entries_invalid
                  ? "the entry is in " + r.content_path +
                        ", but the index was not updated: other entries in " + paths_.content +
                        " have errors"
                  : "the entry is in " + r.content_path + ", but the index was not updated: " +
                        r.index.error;
  }
  return r;
}

bool ReviewDesk::Reject(const std::string& id, const std::string& reason,
                        std::string* error) const {
  std::string trimmed(reason);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.erase(0, 1);
  if (trimmed.empty()) {
    *error = "give a reason for the rejection";
    return false;
  }
  if (trimmed.size() > kMaxReasonBytes) {
    *error = "the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes";
    return false;
  }
  return store_.Reject(id, trimmed, error);
}

}  // namespace praxis
