#include "csv_record.h"

namespace praxis {

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kColumns = {
      "id",          "title",        "title_local",   "summary",        "language",
      "countries",   "regions",      "themes",        "target_groups",  "settings",
      "actors",      "age_bands",    "prevention_levels", "evidence",   "start_year",
      "end_year",    "organisation", "website",       "youth_participation", "gender_responsive",
      "registry_ratings", "sources", "updated",       "tags",           "url"};
  return kColumns;
}

std::string CsvHeader() {
  std::string line;
  for (const std::string& c : CsvColumns()) line += (line.empty() ? "" : ",") + c;
  return line + "\r\n";
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JoinValues(const Vocabulary* labels, const std::string& list,
                       const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += "; ";
    if (!labels || list.empty()) {
      out += v;
    } else if (list == "countries") {
      const Country* c = labels->FindCountry(v);
      out += c ? c->name : v;
    } else {
      const VocabularyValue* value = labels->Find(list, v);
      out += value ? value->label : v;
    }
  }
  return out;
}

std::string CsvRecord(const Entry& e, const Vocabulary* labels) {
  std::vector<std::string> ratings, sources;
  for (const auto& r : e.registry_ratings) ratings.push_back(r.registry + ": " + r.rating);
  for (const auto& s : e.sources) sources.push_back(s.url);
  const std::vector<std::string> fields = {
      e.id,
      e.title,
      e.title_local,
      e.summary,
      JoinValues(labels, "languages", {e.language}),
      JoinValues(labels, "countries", e.countries),
      JoinValues(labels, "regions", e.regions),
      JoinValues(labels, "themes", e.themes),
      JoinValues(labels, "target_groups", e.target_groups),
      JoinValues(labels, "settings", e.settings),
      JoinValues(labels, "actors", e.actors),
      JoinValues(labels, "age_bands", e.age_bands),
      JoinValues(labels, "prevention_levels", e.prevention_levels),
      JoinValues(labels, "evidence", {e.evidence}),
      std::to_string(e.start_year),
      e.end_year ? std::to_string(*e.end_year) : "",
      e.organisation,
      e.website,
      e.youth_participation ? "true" : "false",
      e.gender_responsive ? "true" : "false",
      JoinValues(nullptr, "", ratings),
      JoinValues(nullptr, "", sources),
      e.updated,
      JoinValues(nullptr, "", e.tags),
      "/practices/" + e.id};
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += CsvField(fields[i]);
  }
  return line + "\r\n";
}

}  // namespace praxis
