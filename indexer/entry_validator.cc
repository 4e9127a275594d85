#include "entry_validator.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <set>

#include <yaml-cpp/yaml.h>

#include "front_matter.h"
#include "languages.h"
#include "text_util.h"

namespace praxis {

const std::vector<std::string>& EntryFieldNames() {
  static const std::vector<std::string> kNames = {
      "id",           "title",          "title_local",      "summary",
      "language",     "countries",      "themes",           "target_groups",
      "settings",     "actors",         "age_bands",        "prevention_levels",
      "evidence",     "registry_ratings", "evaluations",    "start_year",
      "end_year",     "organisation",   "website",          "youth_participation",
      "gender_responsive", "sources",   "updated",          "tags",
      "contributors"};
  return kNames;
}

const std::vector<std::string>& EvaluationDesigns() {
  static const std::vector<std::string> kDesigns = {"rct",         "quasi-experimental",
                                                    "pre-post",    "qualitative",
                                                    "process",     "other"};
  return kDesigns;
}

namespace {

const std::set<std::string> kRequired = {
    "id",       "title",     "summary",     "language",         "countries",
    "themes",   "target_groups", "settings", "actors",          "evidence",
    "start_year", "youth_participation", "gender_responsive", "sources", "updated"};

// Controlled lists: front-matter field -> vocabulary list.
const std::map<std::string, std::string> kVocabularyLists = {
    {"themes", "themes"},       {"target_groups", "target_groups"},
    {"settings", "settings"},   {"actors", "actors"},
    {"age_bands", "age_bands"}, {"prevention_levels", "prevention_levels"}};

// Collects the diagnostics of one file and turns YAML marks into file positions.
class Checker {
 public:
  Checker(const std::string& path, int first_line, std::vector<Diagnostic>* out)
      : path_(path), first_line_(first_line), out_(out) {}

  void Add(Severity severity, const YAML::Mark& mark, const std::string& field,
           std::string message) {
    int line = mark.line >= 0 ? mark.line + first_line_ : first_line_ - 1;
    int column = mark.column >= 0 ? mark.column + 1 : 1;
    out_->push_back({path_, line, column, severity, std::move(message), field});
    if (severity == Severity::kError) ok_ = false;
  }
  void Error(const YAML::Node& at, const std::string& field, std::string message) {
    Add(Severity::kError, at.Mark(), field, std::move(message));
  }
  bool ok() const { return ok_; }
  int first_line() const { return first_line_; }

 private:
  const std::string& path_;
  int first_line_;
  std::vector<Diagnostic>* out_;
  bool ok_ = true;
};

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// yaml-cpp keeps the first of two equal keys and says nothing; contributors must hear of it.
void CheckDuplicateKeys(const YAML::Node& node, const std::string& where, Checker* c) {
  if (node.IsMap()) {
    std::map<std::string, int> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      const int line = it->first.Mark().line + c->first_line();
      auto [pos, inserted] = seen.emplace(key, line);
      if (!inserted) {
        c->Error(it->first, where.empty() ? key : where,
                 "key " + Quote(key) + " is given twice (first at line " +
                     std::to_string(pos->second) + ")");
      }
      CheckDuplicateKeys(it->second, where.empty() ? key : where + "." + key, c);
    }
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) {
      CheckDuplicateKeys(node[i], where + "[" + std::to_string(i + 1) + "]", c);
    }
  }
}

class FieldReader {
 public:
  FieldReader(const Vocabulary& vocabulary, int current_year, Checker* c)
      : vocabulary_(vocabulary), current_year_(current_year), c_(c) {}

  // Reads a plain-text scalar; `min`/`max` are lengths in characters (0 = no bound).
  bool Text(const YAML::Node& n, const std::string& field, size_t min, size_t max,
            std::string* out) {
    if (n.IsNull()) {
      c_->Error(n, field, Quote(field) + " is empty");
      return false;
    }
    if (!n.IsScalar()) {
      c_->Error(n, field, Quote(field) + " must be text, not a " + KindName(n));
      return false;
    }
    std::string value(Trim(n.Scalar()));
    size_t length = Utf8Length(value);
    if ((min && length < min) || (max && length > max)) {
      c_->Error(n, field,
                Quote(field) + " must be " + std::to_string(min) + "-" + std::to_string(max) +
                    " characters long (it has " + std::to_string(length) + ")");
      return false;
    }
    *out = std::move(value);
    return true;
  }

  // Reads a list of scalars. `required` lists need at least one value.
  bool List(const YAML::Node& n, const std::string& field, bool required,
            std::vector<std::string>* out) {
    if (n.IsNull()) {
      if (required) c_->Error(n, field, Quote(field) + " needs at least one value");
      return !required;
    }
    if (!n.IsSequence()) {
      c_->Error(n, field,
                Quote(field) + " must be a list, e.g. " + field + ": [" +
                    (n.IsScalar() ? n.Scalar() : "...") + "]");
      return false;
    }
    if (required && n.size() == 0) {
      c_->Error(n, field, Quote(field) + " needs at least one value");
      return false;
    }
    bool ok = true;
    std::set<std::string> seen;
    for (size_t i = 0; i < n.size(); ++i) {
      const YAML::Node item = n[i];
      if (!item.IsScalar() || Trim(item.Scalar()).empty()) {
        c_->Error(item, field, "each value of " + Quote(field) + " must be text");
        ok = false;
        continue;
      }
      std::string value(Trim(item.Scalar()));
      if (!seen.insert(value).second) {
        c_->Add(Severity::kWarning, item.Mark(), field,
                Quote(value) + " is listed twice in " + Quote(field));
        continue;
      }
      out->push_back(std::move(value));
      items_.push_back(item);
    }
    return ok;
  }

  bool VocabularyList(const YAML::Node& n, const std::string& field, const std::string& list,
                      bool required, std::vector<std::string>* out) {
    items_.clear();
    std::vector<std::string> values;
    bool ok = List(n, field, required, &values);
    std::vector<std::string> ids = vocabulary_.Ids(list);
    for (size_t i = 0; i < values.size(); ++i) {
      if (vocabulary_.Find(list, values[i])) {
        out->push_back(values[i]);
        continue;
      }
      ok = false;
      c_->Error(items_[i], field, NotInVocabulary(values[i], field, ids));
    }
    return ok;
  }

  bool VocabularyValue(const YAML::Node& n, const std::string& field, const std::string& list,
                       std::string* out) {
    std::string value;
    if (!Text(n, field, 0, 0, &value)) return false;
    if (!vocabulary_.Find(list, value)) {
      c_->Error(n, field, NotInVocabulary(value, field, vocabulary_.Ids(list)));
      return false;
    }
    *out = value;
    return true;
  }

  bool Countries(const YAML::Node& n, Entry* e) {
    items_.clear();
    std::vector<std::string> values;
    bool ok = List(n, "countries", true, &values);
    for (size_t i = 0; i < values.size(); ++i) {
      const Country* country = vocabulary_.FindCountry(values[i]);
      if (!country) {
        ok = false;
        c_->Error(items_[i], "countries",
                  Quote(values[i]) +
                      " is not the ISO code of an OSCE participating State or Partner for "
                      "Co-operation");
        continue;
      }
      e->countries.push_back(country->code);
      if (std::find(e->regions.begin(), e->regions.end(), country->region) == e->regions.end()) {
        e->regions.push_back(country->region);
      }
    }
    return ok;
  }

  bool Year(const YAML::Node& n, const std::string& field, int* out) {
    static const std::regex kYear("^[0-9]{4}$");
    if (!n.IsScalar() || !std::regex_match(std::string(Trim(n.Scalar())), kYear)) {
      c_->Error(n, field,
                Quote(field) + " must be a year such as 2015" +
                    (n.IsScalar() ? " (got " + Quote(n.Scalar()) + ")" : ""));
      return false;
    }
    int year = std::stoi(std::string(Trim(n.Scalar())));
    if (year < 1900 || year > current_year_) {
      c_->Error(n, field,
                Quote(field) + " " + std::to_string(year) + " must be between 1900 and " +
                    std::to_string(current_year_));
      return false;
    }
    *out = year;
    return true;
  }

  bool Date(const YAML::Node& n, const std::string& field, std::string* out) {
    if (!n.IsScalar() || !IsIsoDate(Trim(n.Scalar()))) {
      c_->Error(n, field,
                (n.IsScalar() ? Quote(n.Scalar()) : Quote(field)) +
                    " is not a valid date (expected YYYY-MM-DD)");
      return false;
    }
    *out = std::string(Trim(n.Scalar()));
    return true;
  }

  // YAML 1.1 reads yes/no/on/off as booleans; Praxis follows YAML 1.2 and wants true or false,
  // which is also why `NO` in a country list stays Norway.
  bool Bool(const YAML::Node& n, const std::string& field, bool* out) {
    if (n.IsScalar()) {
      std::string v = AsciiLower(Trim(n.Scalar()));
      if (n.Tag() != "!" && (v == "true" || v == "false")) {
        *out = v == "true";
        return true;
      }
    }
    c_->Error(n, field,
              Quote(field) + " must be true or false" +
                  (n.IsScalar() ? " (got " + Quote(n.Scalar()) + ")" : ""));
    return false;
  }

  bool Url(const YAML::Node& n, const std::string& field, std::string* out) {
    std::string url;
    if (!Text(n, field, 0, 0, &url)) return false;
    if (!IsHttpUrl(url)) {
      c_->Error(n, field, Quote(url) + " is not an http:// or https:// URL");
      return false;
    }
    *out = url;
    return true;
  }

  // Checks that a list item map has only `allowed` keys and every `required` one.
  bool ItemKeys(const YAML::Node& item, const std::string& field,
                const std::vector<std::string>& allowed, const std::vector<std::string>& required) {
    bool ok = true;
    for (auto it = item.begin(); it != item.end(); ++it) {
      std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        auto suggestion = SuggestClosest(key, allowed);
        c_->Error(it->first, field,
                  "unknown field " + Quote(key) + " in " + Quote(field) +
                      (suggestion ? " (did you mean " + Quote(*suggestion) + "?)" : ""));
        ok = false;
      }
    }
    for (const std::string& key : required) {
      if (!item[key]) {
        c_->Error(item, field, "missing " + Quote(key) + " in " + Quote(field));
        ok = false;
      }
    }
    return ok;
  }

  template <typename Fn>
  bool Items(const YAML::Node& n, const std::string& field, bool required, Fn read_item) {
    if (n.IsNull() && !required) return true;
    if (!n.IsSequence() || (required && n.size() == 0)) {
      c_->Error(n, field,
                Quote(field) + (required ? " must be a list with at least one item"
                                         : " must be a list"));
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n.size(); ++i) {
      const YAML::Node item = n[i];
      const std::string where = field + "[" + std::to_string(i + 1) + "]";
      if (!item.IsMap()) {
        c_->Error(item, where, "each item of " + Quote(field) + " must be a map of fields");
        ok = false;
        continue;
      }
      ok = read_item(item, where) && ok;
    }
    return ok;
  }

  int current_year() const { return current_year_; }

 private:
  static std::string KindName(const YAML::Node& n) {
    return n.IsSequence() ? "list" : n.IsMap() ? "map" : "value";
  }

  static std::string NotInVocabulary(const std::string& value, const std::string& field,
                                     const std::vector<std::string>& ids) {
    std::string message = Quote(value) + " is not a known value for " + Quote(field);
    if (auto suggestion = SuggestClosest(value, ids)) {
      message += " (did you mean " + Quote(*suggestion) + "?)";
    }
    return message;
  }

  const Vocabulary& vocabulary_;
  int current_year_;
  Checker* c_;
  std::vector<YAML::Node> items_;  // the nodes of the last List() values, for positions
};

void ReadField(const std::string& name, const YAML::Node& v,
               FieldReader& r, Checker& c, const Vocabulary& vocabulary, Entry* e) {
  if (name == "id") {
    static const std::regex kSlug("^[a-z0-9]+(-[a-z0-9]+)*$");
    e->id_line = v.Mark().line + c.first_line();
    if (!r.Text(v, name, 1, 0, &e->id)) return;
    if (Utf8Length(e->id) > 80) {
      c.Error(v, name, "id is longer than 80 characters");
    } else if (!std::regex_match(e->id, kSlug)) {
      c.Error(v, name,
              "id " + Quote(e->id) +
                  " must be lowercase letters and digits joined by single hyphens");
    }
  } else if (name == "title") {
    r.Text(v, name, 5, 200, &e->title);
  } else if (name == "title_local") {
    r.Text(v, name, 1, 200, &e->title_local);
  } else if (name == "summary") {
    r.Text(v, name, 20, 1000, &e->summary);
  } else if (name == "language") {
    if (!r.Text(v, name, 0, 0, &e->language)) return;
    if (!vocabulary.Find("languages", e->language)) {
      std::string message = Quote(e->language) + " is not a known ISO 639-1 language code";
      if (auto s = SuggestClosest(e->language, vocabulary.Ids("languages"))) {
        message += " (did you mean " + Quote(*s) + "?)";
      }
      c.Error(v, name, message);
    } else if (!HasStemmer(e->language)) {
      c.Add(Severity::kNote, v.Mark(), name,
            "no stemmer for language " + Quote(e->language) +
                " in this Xapian version: the entry is indexed without stemming");
    }
  } else if (name == "countries") {
    r.Countries(v, e);
  } else if (kVocabularyLists.count(name)) {
    std::vector<std::string>* out = name == "themes"              ? &e->themes
                                    : name == "target_groups"     ? &e->target_groups
                                    : name == "settings"          ? &e->settings
                                    : name == "actors"            ? &e->actors
                                    : name == "age_bands"         ? &e->age_bands
                                                                  : &e->prevention_levels;
    r.VocabularyList(v, name, kVocabularyLists.at(name), kRequired.count(name) > 0, out);
  } else if (name == "evidence") {
    r.VocabularyValue(v, name, "evidence", &e->evidence);
  } else if (name == "registry_ratings") {
    r.Items(v, name, false, [&](const YAML::Node& item, const std::string& where) {
      RegistryRating rating;
      bool ok = r.ItemKeys(item, name, {"registry", "rating", "url", "checked"},
                           {"registry", "rating", "url", "checked"});
      if (item["registry"]) ok = r.Text(item["registry"], where + ".registry", 2, 200, &rating.registry) && ok;
      if (item["rating"]) ok = r.Text(item["rating"], where + ".rating", 1, 200, &rating.rating) && ok;
      if (item["url"]) ok = r.Url(item["url"], where + ".url", &rating.url) && ok;
      if (item["checked"]) ok = r.Date(item["checked"], where + ".checked", &rating.checked) && ok;
      e->registry_ratings.push_back(rating);
      return ok;
    });
  } else if (name == "evaluations") {
    r.Items(v, name, false, [&](const YAML::Node& item, const std::string& where) {
      Evaluation ev;
      bool ok = r.ItemKeys(item, name, {"design", "year", "finding", "url"}, {"design", "finding"});
      if (item["design"] && r.Text(item["design"], where + ".design", 0, 0, &ev.design)) {
        const auto& designs = EvaluationDesigns();
        if (std::find(designs.begin(), designs.end(), ev.design) == designs.end()) {
          std::string message = Quote(ev.design) + " is not a known evaluation design";
          if (auto s = SuggestClosest(ev.design, designs)) message += " (did you mean " + Quote(*s) + "?)";
          c.Error(item["design"], where + ".design", message);
          ok = false;
        }
      }
      int year = 0;
      if (item["year"]) {
        if (r.Year(item["year"], where + ".year", &year)) ev.year = year; else ok = false;
      }
      if (item["finding"]) ok = r.Text(item["finding"], where + ".finding", 5, 2000, &ev.finding) && ok;
      if (item["url"]) ok = r.Url(item["url"], where + ".url", &ev.url) && ok;
      e->evaluations.push_back(ev);
      return ok;
    });
  } else if (name == "start_year") {
    r.Year(v, name, &e->start_year);
  } else if (name == "end_year") {
    int year = 0;
    if (r.Year(v, name, &year)) e->end_year = year;
  } else if (name == "organisation") {
    r.Text(v, name, 2, 300, &e->organisation);
  } else if (name == "website") {
    r.Url(v, name, &e->website);
  } else if (name == "youth_participation") {
    r.Bool(v, name, &e->youth_participation);
  } else if (name == "gender_responsive") {
    r.Bool(v, name, &e->gender_responsive);
  } else if (name == "sources") {
    r.Items(v, name, true, [&](const YAML::Node& item, const std::string& where) {
      Source source;
      bool ok = r.ItemKeys(item, name, {"title", "url", "year"}, {"title", "url"});
      if (item["title"]) ok = r.Text(item["title"], where + ".title", 2, 300, &source.title) && ok;
      if (item["url"]) ok = r.Url(item["url"], where + ".url", &source.url) && ok;
      int year = 0;
      if (item["year"]) {
        if (r.Year(item["year"], where + ".year", &year)) source.year = year; else ok = false;
      }
      e->sources.push_back(source);
      return ok;
    });
  } else if (name == "updated") {
    r.Date(v, name, &e->updated);
  } else if (name == "tags") {
    r.List(v, name, false, &e->tags);
  } else if (name == "contributors") {
    r.List(v, name, false, &e->contributors);
  }
}

int SystemYear() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::floor<std::chrono::days>(now);
  return static_cast<int>(std::chrono::year_month_day(days).year());
}

}  // namespace

EntryValidator::EntryValidator(const Vocabulary& vocabulary, int current_year)
    : vocabulary_(vocabulary), current_year_(current_year ? current_year : SystemYear()) {}

bool EntryValidator::Parse(std::string_view file_text, const std::string& path,
                           const std::string& expected_id, Entry* e,
                           std::vector<Diagnostic>* diagnostics) const {
  FrontMatter fm;
  if (!SplitFrontMatter(file_text, path, &fm, diagnostics)) return false;

  Checker c(path, fm.yaml_first_line, diagnostics);
  YAML::Node root;
  try {
    root = YAML::Load(fm.yaml);
  } catch (const YAML::Exception& ex) {
    // yaml-cpp quotes single bytes ("unknown escape character: \xD0"), half a character.
    c.Add(Severity::kError, ex.mark, "", "YAML syntax error: " + ToValidUtf8(ex.msg));
    return false;
  }
  if (!root.IsMap()) {
    diagnostics->push_back({path, fm.yaml_first_line, 1, Severity::kError,
                            "the front matter must be a map of fields (name: value)", ""});
    return false;
  }

  CheckDuplicateKeys(root, "", &c);
  FieldReader reader(vocabulary_, current_year_, &c);
  const auto& known = EntryFieldNames();
  std::set<std::string> present;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string name = it->first.IsScalar() ? it->first.Scalar() : "";
    if (!present.insert(name).second) continue;  // reported as a duplicate key
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string message = "unknown field " + Quote(name);
      if (auto s = SuggestClosest(name, known)) message += " (did you mean " + Quote(*s) + "?)";
      c.Error(it->first, name, message);
      continue;
    }
    ReadField(name, it->second, reader, c, vocabulary_, e);
  }
  for (const std::string& name : known) {
    if (kRequired.count(name) && !present.count(name)) {
      diagnostics->push_back({path, 1, 1, Severity::kError,
                              "missing required field " + Quote(name), name});
    }
  }

  if (!e->id.empty() && !expected_id.empty() && e->id != expected_id) {
    const YAML::Node id = root["id"];
    c.Error(id, "id",
            "id " + Quote(e->id) + " does not match the file name " + Quote(expected_id + ".md"));
  }
  if (e->end_year && e->start_year && *e->end_year < e->start_year) {
    c.Error(root["end_year"], "end_year",
            "end_year " + std::to_string(*e->end_year) + " is before start_year " +
                std::to_string(e->start_year));
  }
  if (Trim(fm.body).empty()) {
    diagnostics->push_back({path, fm.body_first_line, 1, Severity::kError,
                            "empty body: describe the practice in Markdown after the front matter",
                            "body"});
    return false;
  }
  e->body = fm.body;
  // Missing required fields are pushed directly, without the checker: count them too.
  for (const auto& d : *diagnostics) {
    if (d.file == path && d.severity == Severity::kError) return false;
  }
  return c.ok();
}

}  // namespace praxis
