// The folder of submissions waiting for an editor (`--submissions DIR`, default var/submissions):
//
//   DIR/pending/<id>.md                 a submission, exactly as it would go into content/, with
//                                       `# praxis-submission:` comment lines naming its receipt
//   DIR/rejected/<id>--<receipt>.md     a rejected submission (ids never contain "--")
//   DIR/rejected/<id>--<receipt>.reason why, and when
//
// Submissions never go straight into content/: an editor approves them (review_desk.h).
// Every write is atomic (temp file, fsync, rename or link), and a pending file is created only
// if no file of that name exists, so two submissions of one id cannot overwrite each other.
// File names are built only from ids that pass IsValidEntryId(), so nothing can be written
// outside the folder.
#pragma once

#include <string>
#include <vector>

namespace praxis {

struct PendingSubmission {
  std::string id;
  std::string path;      // DIR/pending/<id>.md
  std::string receipt;   // from the header comment; empty for a file placed by hand
  std::string received;  // ISO date-time, from the header comment
  std::string text;      // the whole file
};

class SubmissionStore {
 public:
  enum class AddResult { kStored, kConflict, kUnavailable };

  explicit SubmissionStore(std::string dir);

  const std::string& dir() const { return dir_; }
  std::string PendingPath(const std::string& id) const;

  // Stores `text` (a rendered entry) as the pending submission `id`, with a header naming
  // `receipt` and the current time. kConflict when a submission of that id is already pending;
  // kUnavailable (with *error) when the folder cannot be written: missing, read-only, full.
  AddResult Add(const std::string& id, const std::string& receipt, const std::string& text,
                std::string* error) const;

  // The pending submissions, oldest first. False with *error when the folder cannot be read
  // (a folder that does not exist yet simply holds nothing).
  bool List(std::vector<PendingSubmission>* out, std::string* error) const;

  // One pending submission. False with *error ("no pending submission 'x'") otherwise.
  bool Read(const std::string& id, PendingSubmission* out, std::string* error) const;

  // Removes the pending file after it was published.
  bool Remove(const std::string& id, std::string* error) const;

  // Moves the pending submission to the rejected folder, with the reason beside it.
  bool Reject(const std::string& id, const std::string& reason, std::string* error) const;

  // A fresh receipt number, "YYYYMMDD-XXXXXX" (date and six random letters and digits).
  static std::string NewReceipt();

  // The entry file without the submission's header comments: what goes into content/.
  static std::string WithoutHeader(const std::string& text);

 private:
  std::string dir_;
};

}  // namespace praxis
