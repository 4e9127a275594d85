#include "submission.h"

#include <algorithm>
#include <map>

#include "text_util.h"

namespace praxis {

namespace {

using Json = nlohmann::json;

// A field name for a message: names come from the request, so it is made valid UTF-8 and cut.
std::string Quote(std::string_view s) {
  return "'" + std::string(Utf8Prefix(ToValidUtf8(s), 80)) + "'";
}

std::string Kilobytes(size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KB"; }

// Which draft member a scalar field fills.
std::string* ScalarField(EntryDraft* d, std::string_view name) {
  static const std::map<std::string_view, std::string EntryDraft::*> kFields = {
      {"id", &EntryDraft::id},
      {"title", &EntryDraft::title},
      {"title_local", &EntryDraft::title_local},
      {"summary", &EntryDraft::summary},
      {"language", &EntryDraft::language},
      {"evidence", &EntryDraft::evidence},
      {"start_year", &EntryDraft::start_year},
      {"end_year", &EntryDraft::end_year},
      {"organisation", &EntryDraft::organisation},
      {"website", &EntryDraft::website},
      {"youth_participation", &EntryDraft::youth_participation},
      {"gender_responsive", &EntryDraft::gender_responsive},
      {"body", &EntryDraft::body}};
  auto it = kFields.find(name);
  return it == kFields.end() ? nullptr : &(d->*(it->second));
}

std::vector<std::string>* ListField(EntryDraft* d, std::string_view name) {
  static const std::map<std::string_view, std::vector<std::string> EntryDraft::*> kFields = {
      {"countries", &EntryDraft::countries},
      {"themes", &EntryDraft::themes},
      {"target_groups", &EntryDraft::target_groups},
      {"settings", &EntryDraft::settings},
      {"actors", &EntryDraft::actors},
      {"age_bands", &EntryDraft::age_bands},
      {"prevention_levels", &EntryDraft::prevention_levels},
      {"tags", &EntryDraft::tags},
      {"contributors", &EntryDraft::contributors}};
  auto it = kFields.find(name);
  return it == kFields.end() ? nullptr : &(d->*(it->second));
}

// The member of a row a sub-field fills, or nullptr for an unknown sub-field.
std::string* RowField(SourceDraft* r, std::string_view key) {
  if (key == "title") return &r->title;
  if (key == "url") return &r->url;
  if (key == "year") return &r->year;
  return nullptr;
}
std::string* RowField(EvaluationDraft* r, std::string_view key) {
  if (key == "design") return &r->design;
  if (key == "year") return &r->year;
  if (key == "finding") return &r->finding;
  if (key == "url") return &r->url;
  return nullptr;
}
std::string* RowField(RatingDraft* r, std::string_view key) {
  if (key == "registry") return &r->registry;
  if (key == "rating") return &r->rating;
  if (key == "url") return &r->url;
  if (key == "checked") return &r->checked;
  return nullptr;
}

bool Fail(SubmissionProblem* problem, int status, std::string code, std::string message) {
  *problem = {status, std::move(code), std::move(message)};
  return false;
}

// Size, encoding and control characters of one value. The body has its own, larger limit.
bool CheckValue(std::string_view field, std::string_view value, const SubmissionLimits& limits,
                SubmissionProblem* problem) {
  const bool body = field == "body";
  const size_t limit = body ? limits.max_body_bytes : limits.max_field_bytes;
  if (value.size() > limit) {
    if (body) {
      return Fail(problem, 413, "body_too_large",
                  "the description (body) is " + Kilobytes(value.size()) + "; the limit is " +
                      Kilobytes(limits.max_body_bytes));
    }
    return Fail(problem, 413, "field_too_long",
                Quote(field) + " is " + Kilobytes(value.size()) + "; the limit for one field is " +
                    Kilobytes(limits.max_field_bytes));
  }
  if (FindInvalidUtf8(value)) {
    return Fail(problem, 400, "invalid_encoding", Quote(field) + " is not valid UTF-8 text");
  }
  const bool multiline = body || field == "summary" || field == "tags" || field == "contributors" ||
                         field.find("finding") != std::string_view::npos;
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\t' && !(multiline && (c == '\n' || c == '\r'))) || c == 0x7F) {
      return Fail(problem, 400, "invalid_characters",
                  Quote(field) + " contains control characters");
    }
  }
  return true;
}

// "sources[3].url" -> ("sources", 3, "url").
bool ParseRowName(std::string_view name, std::string_view* list, int* index, std::string_view* key) {
  const size_t open = name.find('[');
  const size_t close = name.find("].");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open + 2 ||
      close - open > 4) {
    return false;
  }
  int n = 0;
  for (char c : name.substr(open + 1, close - open - 1)) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  if (n < 1) return false;
  *list = name.substr(0, open);
  *index = n;
  *key = name.substr(close + 2);
  return true;
}

template <typename Row>
bool CollectRows(std::map<int, Row>& rows, size_t max_rows, std::string_view list,
                 std::vector<Row>* out, SubmissionProblem* problem) {
  out->clear();
  for (auto& [index, row] : rows) {
    if (!row.empty()) out->push_back(std::move(row));
  }
  if (out->size() > max_rows) {
    return Fail(problem, 400, list == "sources" ? "too_many_sources" : "too_many_rows",
                "at most " + std::to_string(max_rows) + " " + std::string(list) +
                    " can be given (there are " + std::to_string(out->size()) + ")");
  }
  return true;
}

bool CheckListSize(std::string_view field, size_t size, const SubmissionLimits& limits,
                   SubmissionProblem* problem) {
  if (size <= limits.max_list_values) return true;
  return Fail(problem, 400, "too_many_values",
              Quote(field) + " has " + std::to_string(size) + " values; at most " +
                  std::to_string(limits.max_list_values) + " are allowed");
}

}  // namespace

bool DraftFromForm(const FormParams& params, const SubmissionLimits& limits,
                   SubmissionRequest* out, SubmissionProblem* problem) {
  // Everything is read even after a problem, so the form can come back with all the user typed.
  bool ok = true;
  auto note = [&](const SubmissionProblem& p) {
    if (ok) *problem = p;
    ok = false;
  };
  EntryDraft& d = out->draft;
  std::map<int, SourceDraft> sources;
  std::map<int, EvaluationDraft> evaluations;
  std::map<int, RatingDraft> ratings;
  const size_t max_row_numbers = 4 * limits.max_rows + 4 * limits.max_sources;
  bool youth = false, gender = false;
  for (const auto& [name, value] : params) {
    SubmissionProblem p;
    if (!CheckValue(name, value, limits, &p)) note(p);
    if (name == kHoneypotField) {
      out->honeypot += value;
    } else if (name == "youth_participation" || name == "gender_responsive") {
      const bool on = value == "true" || value == "on" || value == "1" || value == "yes";
      (name == "youth_participation" ? youth : gender) |= on;
    } else if (std::string* field = ScalarField(&d, name)) {
      *field = value;
    } else if (std::vector<std::string>* values = ListField(&d, name)) {
      for (std::string& v : SplitList(value)) {
        if (values->size() <= limits.max_list_values) values->push_back(std::move(v));
      }
      if (!CheckListSize(name, values->size(), limits, &p)) note(p);
    } else {
      std::string_view list, key;
      int index = 0;
      if (!ParseRowName(name, &list, &index, &key)) continue;
      const size_t rows = sources.size() + evaluations.size() + ratings.size();
      std::string* target = nullptr;
      if (list == "sources" && (sources.count(index) || rows < max_row_numbers)) {
        target = RowField(&sources[index], key);
      } else if (list == "evaluations" && (evaluations.count(index) || rows < max_row_numbers)) {
        target = RowField(&evaluations[index], key);
      } else if (list == "registry_ratings" && (ratings.count(index) || rows < max_row_numbers)) {
        target = RowField(&ratings[index], key);
      }
      if (target) *target = value;
    }
  }
  d.youth_participation = youth ? "true" : "false";
  d.gender_responsive = gender ? "true" : "false";
  SubmissionProblem p;
  if (!CollectRows(sources, limits.max_sources, "sources", &d.sources, &p)) note(p);
  if (!CollectRows(evaluations, limits.max_rows, "evaluations", &d.evaluations, &p)) note(p);
  if (!CollectRows(ratings, limits.max_rows, "registry_ratings", &d.registry_ratings, &p)) note(p);
  return ok;
}

namespace {

// A JSON scalar as the text a contributor would have typed.
bool JsonText(const Json& v, std::string_view field, const SubmissionLimits& limits,
              std::string* out, SubmissionProblem* problem) {
  if (v.is_null()) {
    out->clear();
  } else if (v.is_string()) {
    *out = v.get<std::string>();
  } else if (v.is_boolean()) {
    *out = v.get<bool>() ? "true" : "false";
  } else if (v.is_number_integer()) {
    *out = std::to_string(v.get<long long>());
  } else if (v.is_number()) {
    *out = v.dump();
  } else {
    return Fail(problem, 400, "invalid_field", Quote(field) + " must be text, a number or a boolean");
  }
  return CheckValue(field, *out, limits, problem);
}

template <typename Row>
bool JsonRows(const Json& v, std::string_view field, size_t max_rows,
              const SubmissionLimits& limits, std::vector<Row>* out, SubmissionProblem* problem) {
  if (v.is_null()) return true;
  if (!v.is_array()) return Fail(problem, 400, "invalid_field", Quote(field) + " must be a list of objects");
  std::map<int, Row> rows;
  int index = 0;
  for (const Json& item : v) {
    if (!item.is_object()) {
      return Fail(problem, 400, "invalid_field", "each item of " + Quote(field) + " must be an object");
    }
    Row& row = rows[++index];
    for (const auto& [key, value] : item.items()) {
      std::string* target = RowField(&row, key);
      if (!target) {
        return Fail(problem, 400, "unknown_field",
                    "unknown field " + Quote(key) + " in " + Quote(field));
      }
      const std::string where = std::string(field) + "[" + std::to_string(index) + "]." + key;
      if (!JsonText(value, where, limits, target, problem)) return false;
    }
    if (rows.size() > max_rows * 4) break;  // counted (and refused) below
  }
  return CollectRows(rows, max_rows, field, out, problem);
}

}  // namespace

bool DraftFromJson(const Json& body, const SubmissionLimits& limits, SubmissionRequest* out,
                   SubmissionProblem* problem) {
  if (!body.is_object()) {
    return Fail(problem, 400, "invalid_json", "the submission must be a JSON object of fields");
  }
  EntryDraft& d = out->draft;
  std::vector<std::string> known = EntryFieldNames();
  known.push_back("body");
  for (const auto& [name, value] : body.items()) {
    if (name == kHoneypotField) {
      if (!JsonText(value, name, limits, &out->honeypot, problem)) return false;
    } else if (name == "updated") {
      return Fail(problem, 400, "unknown_field",
                  "'updated' is set by Praxis to the date of the submission; leave it out");
    } else if (std::string* field = ScalarField(&d, name)) {
      if (!JsonText(value, name, limits, field, problem)) return false;
    } else if (std::vector<std::string>* list = ListField(&d, name)) {
      if (value.is_string()) {
        if (!CheckValue(name, value.get<std::string>(), limits, problem)) return false;
        *list = SplitList(value.get<std::string>());
      } else if (value.is_array()) {
        if (!CheckListSize(name, value.size(), limits, problem)) return false;
        for (const Json& item : value) {
          std::string text;
          if (!JsonText(item, name, limits, &text, problem)) return false;
          list->push_back(std::move(text));
        }
      } else if (!value.is_null()) {
        return Fail(problem, 400, "invalid_field", Quote(name) + " must be a list of text values");
      }
      if (!CheckListSize(name, list->size(), limits, problem)) return false;
    } else if (name == "sources") {
      if (!JsonRows(value, name, limits.max_sources, limits, &d.sources, problem)) return false;
    } else if (name == "evaluations") {
      if (!JsonRows(value, name, limits.max_rows, limits, &d.evaluations, problem)) return false;
    } else if (name == "registry_ratings") {
      if (!JsonRows(value, name, limits.max_rows, limits, &d.registry_ratings, problem)) return false;
    } else {
      std::string message = "unknown field " + Quote(name);
      if (auto s = SuggestClosest(name, known)) message += " (did you mean " + Quote(*s) + "?)";
      return Fail(problem, 400, "unknown_field", message);
    }
  }
  return true;
}

PreparedSubmission PrepareSubmission(EntryDraft draft, const EntryValidator& validator,
                                     const std::string& display_path) {
  PreparedSubmission p;
  draft.id = std::string(Trim(draft.id));
  const bool id_given = !draft.id.empty();
  if (!id_given) draft.id = IdFromTitle(draft.title);
  draft.updated = TodayIsoDate();
  p.id = draft.id;
  p.file_text = RenderEntryFile(draft);
  // The file name check only makes sense for an id that can be a file name; other ids get the
  // validator's own message about their form.
  const std::string expected_id = IsValidEntryId(p.id) ? p.id : "";
  p.valid = validator.Parse(p.file_text, display_path, expected_id, &p.entry, &p.diagnostics);
  if (!id_given && p.id.empty() && !Trim(draft.title).empty()) {
    p.diagnostics.push_back({display_path, 1, 1, Severity::kNote,
                             "no id can be made from this title: enter an id of lowercase "
                             "letters and digits joined by hyphens",
                             "id"});
  }
  p.entry.path = display_path;
  SortDiagnostics(&p.diagnostics);
  return p;
}

}  // namespace praxis
