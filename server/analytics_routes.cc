#include "analytics_routes.h"

#include <ctime>

#include "cross_tab.h"
#include "export_format.h"
#include "http_util.h"
#include "search_request.h"
#include "searcher.h"
#include "stored_entry.h"
#include "text_util.h"

namespace praxis {

namespace {

// Entries read and written per call of the streaming provider: large enough to keep the
// socket busy, small enough that memory stays flat.
constexpr size_t kExportBatch = 256;

std::string Today() {
  std::time_t t = std::time(nullptr);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", std::gmtime(&t));
  return buffer;
}

bool ParseBool(const std::string& name, const std::string& value, bool* out, ApiError* error) {
  if (value == "true" || value == "1") *out = true;
  else if (value == "false" || value == "0" || value.empty()) *out = false;
  else {
    *error = {400, "invalid_parameter", "parameter '" + name + "' must be true or false"};
    return false;
  }
  return true;
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : "";
}

nlohmann::json AxisJson(const CrossTabAxis& axis) {
  nlohmann::json values = nlohmann::json::array();
  for (size_t i = 0; i < axis.values.size(); ++i) {
    values.push_back({{"value", axis.values[i]}, {"label", axis.labels[i]}, {"total", axis.totals[i]}});
  }
  return {{"field", axis.field}, {"values", values}};
}

std::string CrossTabCsv(const CrossTab& tab) {
  std::string out = CsvField(tab.rows.field) + ",label";
  if (tab.columns) {
    for (const std::string& label : tab.columns->labels) out += "," + CsvField(label);
  }
  out += ",total\r\n";
  for (size_t r = 0; r < tab.rows.values.size(); ++r) {
    out += CsvField(tab.rows.values[r]) + "," + CsvField(tab.rows.labels[r]);
    if (tab.columns) {
      for (uint64_t count : tab.cells[r]) out += "," + std::to_string(count);
    }
    out += "," + std::to_string(tab.rows.totals[r]) + "\r\n";
  }
  out += "total,";
  if (tab.columns) {
    for (uint64_t total : tab.columns->totals) out += "," + std::to_string(total);
  }
  out += "," + std::to_string(tab.total) + "\r\n";
  return out;
}

}  // namespace

void InstallAnalyticsRoutes(httplib::Server& server, IndexManager& index,
                            const Vocabulary& vocabulary) {
  server.Get("/api/v1/export", [&index, &vocabulary](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", "*");
    SearchRequest request;
    ApiError error;
    // Paging parameters are accepted (links carry them) but an export is always every match.
    if (!ParseSearchRequest(req.params, {"format", "labels"}, &request, &error)) {
      return SendError(res, error);
    }
    ExportOptions options;
    if (!ParseExportFormat(Param(req, "format"), &options.format)) {
      return SendError(res, {400, "invalid_parameter", "parameter 'format' must be csv, json or jsonl"});
    }
    if (!ParseBool("labels", Param(req, "labels"), &options.labels, &error)) return SendError(res, error);

    // The stream reads documents from the same snapshot the matches came from.
    std::shared_ptr<const Snapshot> snapshot;
    auto ids = std::make_shared<std::vector<Xapian::docid>>(WithCurrentIndex(
        index, [&](Xapian::Database& db, const Snapshot& current) {
          snapshot = current.shared_from_this();
          return Searcher(db, *current.facets, vocabulary).AllMatches(request);
        }));
    auto writer = std::make_shared<ExportWriter>(options, vocabulary);
    res.set_header("Content-Disposition", "attachment; filename=\"praxis-export-" + Today() + "." +
                                              ExportExtension(options.format) + "\"");
    res.set_header("X-Total-Count", std::to_string(ids->size()));
    size_t next = 0;
    bool header_written = false;
    res.set_chunked_content_provider(
        ExportContentType(options.format),
        [&index, snapshot, ids, writer, next, written = size_t{0},
         header_written](size_t, httplib::DataSink& sink) mutable {
          std::string chunk;
          if (!header_written) {
            chunk = writer->Header();
            header_written = true;
          }
          Xapian::Database& db = index.ThreadDatabase(*snapshot);
          const size_t end = std::min(ids->size(), next + kExportBatch);
          for (; next < end; ++next) {
            try {
              const Xapian::Document doc = db.get_document((*ids)[next], Xapian::DOC_ASSUME_VALID);
              // CSV records are stored ready-made; other formats are made from the entry.
              std::string record = writer->options().format == ExportFormat::kCsv
                                       ? StoredCsvRecord(doc, writer->options().labels)
                                       : std::string();
              if (record.empty()) {
                record = writer->Record(
                    StoredEntry(doc, writer->NeedsBody() ? WithBody::kYes : WithBody::kNo), written == 0);
              }
              chunk += record;
              ++written;
            } catch (const Xapian::DocNotFoundError&) {
              continue;  // removed by an update since the export started
            }
          }
          if (next >= ids->size()) chunk += writer->Footer();
          if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
          if (next >= ids->size()) sink.done();
          return true;
        });
  });

  server.Get("/api/v1/stats", [&index, &vocabulary](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", "*");
    SearchRequest request;
    ApiError error;
    if (!ParseSearchRequest(req.params, {"rows", "cols", "format"}, &request, &error)) {
      return SendError(res, error);
    }
    const std::string rows = Param(req, "rows");
    const std::string cols = Param(req, "cols");
    const std::string format = Param(req, "format");
    if (!IsCrossTabField(rows)) {
      return SendError(res, {400, "invalid_parameter",
                             rows.empty() ? "parameter 'rows' is required: a facet such as country, or year"
                                          : "parameter 'rows' must be a facet such as country, or year (got '" +
                                                std::string(Utf8Prefix(rows, 40)) + "')"});
    }
    if (!cols.empty() && (!IsCrossTabField(cols) || cols == rows)) {
      return SendError(res, {400, "invalid_parameter",
                             "parameter 'cols' must be a facet or year other than 'rows'"});
    }
    if (format != "" && format != "json" && format != "csv") {
      return SendError(res, {400, "invalid_parameter", "parameter 'format' must be json or csv"});
    }
    CrossTab tab = WithCurrentIndex(index, [&](Xapian::Database& db, const Snapshot& snapshot) {
      DocBitmap set = Searcher(db, *snapshot.facets, vocabulary).MatchingSet(request);
      return ComputeCrossTab(set, *snapshot.facets, vocabulary, rows, cols);
    });
    if (format == "csv") {
      res.set_header("Content-Disposition", "attachment; filename=\"praxis-stats-" + rows +
                                                (cols.empty() ? "" : "-by-" + cols) + ".csv\"");
      res.set_content(CrossTabCsv(tab), "text/csv; charset=utf-8; header=present");
      return;
    }
    nlohmann::json body = {{"total", tab.total}, {"rows", AxisJson(tab.rows)}};
    if (tab.columns) {
      body["columns"] = AxisJson(*tab.columns);
      body["cells"] = tab.cells;
    }
    SendJson(res, 200, body);
  });
}

}  // namespace praxis
