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

ExportWriter::ExportWriter(ExportOptions options, const Vocabulary& vocabulary)
    : options_(options), vocabulary_(vocabulary) {}

std::string ExportWriter::Join(const std::string& list, const std::vector<std::string>& values) const {
  return JoinValues(options_.labels ? &vocabulary_ : nullptr, list, values);
}

std::string ExportWriter::Header() const {
  switch (options_.format) {
    case ExportFormat::kCsv: return CsvHeader();
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
  return CsvRecord(e, options_.labels ? &vocabulary_ : nullptr);
}

}  // namespace praxis
