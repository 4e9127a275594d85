// A contributor's submission, from the web form or the JSON API, up to a checked entry file.
//
//   DraftFromForm / DraftFromJson   the request's fields into an EntryDraft, enforcing the size
//                                   limits (a problem here is a 4xx before any validation)
//   PrepareSubmission               id (given or made from the title), today's date, the entry
//                                   file, and the EntryValidator's verdict with its messages
//
// Form fields are named like the front matter ("title", "countries", ...); rows are named as
// the validator names their problems, "sources[2].url", so a message lands beside its input.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostic.h"
#include "entry.h"
#include "entry_draft.h"
#include "entry_validator.h"

namespace praxis {

struct SubmissionLimits {
  size_t max_body_bytes = 200 * 1024;
  size_t max_sources = 20;
  size_t max_rows = 20;          // evaluations, registry ratings
  size_t max_list_values = 100;  // countries, themes, tags, ...
  size_t max_field_bytes = 10 * 1024;  // any one field other than the body
};

// A problem with the request itself, before the entry is validated: {status, code, message}.
struct SubmissionProblem {
  int status = 400;
  std::string code;
  std::string message;
};

// The name of the hidden field people never see and naive bots fill in.
inline constexpr const char* kHoneypotField = "homepage";

struct SubmissionRequest {
  EntryDraft draft;
  std::string honeypot;  // must stay empty
};

using FormParams = std::vector<std::pair<std::string, std::string>>;

// Form fields in order (as sent). Unknown fields are ignored: browsers send buttons too.
// The draft is filled as far as possible even when a limit is exceeded (the first problem is
// returned), so that the form can come back with everything the user typed.
bool DraftFromForm(const FormParams& params, const SubmissionLimits& limits,
                   SubmissionRequest* out, SubmissionProblem* problem);

// A JSON object with the front-matter fields (lists as arrays, rows as arrays of objects,
// years as numbers or text, booleans as true/false). Unknown fields are a 400.
bool DraftFromJson(const nlohmann::json& body, const SubmissionLimits& limits,
                   SubmissionRequest* out, SubmissionProblem* problem);

struct PreparedSubmission {
  std::string id;
  std::string file_text;  // the entry file, as it would go into content/
  Entry entry;
  std::vector<Diagnostic> diagnostics;  // the validator's, sorted
  bool valid = false;
};

// Fills in the id (from the title when none was given) and `updated` (today), renders the entry
// file and validates it as praxis-index --check would, with `display_path` in the messages.
PreparedSubmission PrepareSubmission(EntryDraft draft, const EntryValidator& validator,
                                     const std::string& display_path = "submission");

}  // namespace praxis
