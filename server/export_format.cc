#include "export_format.h"

#include <nlohmann/json.hpp>

namespace praxis {

bool ParseExportFormat(const std::string& text, ExportFormat* format) {
  if (text == "csv" || text.empty()) *format = ExportFormat::kCsv;
  else if (text == "json") *format = ExportFormat::kJson;
  else if (text == "jsonl") *format = ExportFormat::kJsonLines;
  else return false;
  return true;
}

const char* ExportContentType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv: return "text/csv; charset=utf-8; header=present";
    case ExportFormat::kJson: return "application/json";
    case ExportFormat::kJsonLines: return "application/x-ndjson";
  }
  return "application/octet-stream";
}

const char* ExportExtension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv: return "csv";
    case ExportFormat::kJson: return "json";
    case ExportFormat::kJsonLines: return "jsonl";
  }
  return "txt";
}

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kColumns = {
      "id",          "title",        "title_local",   "summary",        "language",
      "countries",   "regions",      "themes",        "target_groups",  "settings",
      "actors",      "age_bands",    "prevention_levels", "evidence",   "start_year",
      "end_year",    "organisation", "website",       "youth_participation", "gender_responsive",
      "registry_ratings", "sources", "updated",       "tags",           "url"};
  return kColumns;
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

ExportWriter::ExportWriter(ExportOptions options, const Vocabulary& vocabulary)
    : options_(options), vocabulary_(vocabulary) {}

std::string ExportWriter::Join(const std::string& list, const std::vector<std::string>& values) const {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += "; ";
    if (!options_.labels || list.empty()) {
      out += v;
    } else if (list == "countries") {
      const Country* c = vocabulary_.FindCountry(v);
      out += c ? c->name : v;
    } else {
      const VocabularyValue* value = vocabulary_.Find(list, v);
      out += value ? value->label : v;
    }
  }
  return out;
}

std::string ExportWriter::Header() const {
  switch (options_.format) {
    case ExportFormat::kCsv: {
      std::string line;
      for (const std::string& c : CsvColumns()) line += (line.empty() ? "" : ",") + c;
      return line + "\r\n";
    }
    case ExportFormat::kJson: return "[\n";
    case ExportFormat::kJsonLines: return "";
  }
  return "";
}

std::string ExportWriter::Footer() const {
  return options_.format == ExportFormat::kJson ? "\n]\n" : "";
}

std::string ExportWriter::Record(const Entry& e, bool first) const {
  if (options_.format != ExportFormat::kCsv) {
    nlohmann::json j = e;
    j.erase("path");
    j.erase("id_line");
    j["url"] = "/practices/" + e.id;
    if (options_.labels) {
      for (const char* list : {"countries", "regions", "themes", "target_groups", "settings", "actors",
                               "age_bands", "prevention_levels"}) {
        nlohmann::json labels = nlohmann::json::array();
        std::vector<std::string> values = FacetValues(e, list);
        for (const std::string& v : values) labels.push_back(Join(list, {v}));
        j[std::string(list) + "_labels"] = labels;
      }
      j["evidence_label"] = Join("evidence", {e.evidence});
      j["language_label"] = Join("languages", {e.language});
    }
    const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (options_.format == ExportFormat::kJsonLines) return text + "\n";
    return (first ? "" : ",\n") + text;
  }
  std::vector<std::string> ratings, sources;
  for (const auto& r : e.registry_ratings) ratings.push_back(r.registry + ": " + r.rating);
  for (const auto& s : e.sources) sources.push_back(s.url);
  const std::vector<std::string> fields = {
      e.id,
      e.title,
      e.title_local,
      e.summary,
      Join("languages", {e.language}),
      Join("countries", e.countries),
      Join("regions", e.regions),
      Join("themes", e.themes),
      Join("target_groups", e.target_groups),
      Join("settings", e.settings),
      Join("actors", e.actors),
      Join("age_bands", e.age_bands),
      Join("prevention_levels", e.prevention_levels),
      Join("evidence", {e.evidence}),
      std::to_string(e.start_year),
      e.end_year ? std::to_string(*e.end_year) : "",
      e.organisation,
      e.website,
      e.youth_participation ? "true" : "false",
      e.gender_responsive ? "true" : "false",
      Join("", ratings),
      Join("", sources),
      e.updated,
      Join("", e.tags),
      "/practices/" + e.id};
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += CsvField(fields[i]);
  }
  return line + "\r\n";
}

}  // namespace praxis
