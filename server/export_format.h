// Formats of GET /api/v1/export: entries as CSV (RFC 4180), JSON or JSON lines.
//
// Export streams: the handler writes a header, then one record per entry as it reads them,
// then a footer, so memory stays flat whatever the number of entries.
#pragma once

#include <string>
#include <vector>

#include "csv_record.h"
#include "entry.h"
#include "vocabulary.h"

namespace praxis {

enum class ExportFormat { kCsv, kJson, kJsonLines };

struct ExportOptions {
  ExportFormat format = ExportFormat::kCsv;
  bool labels = false;  // vocabulary labels instead of ids and codes
};

bool ParseExportFormat(const std::string& text, ExportFormat* format);
const char* ExportContentType(ExportFormat format);
const char* ExportExtension(ExportFormat format);


class ExportWriter {
 public:
  ExportWriter(ExportOptions options, const Vocabulary& vocabulary);

  std::string Header() const;
  // `first` tells JSON whether a separator is needed.
  std::string Record(const Entry& entry, bool first) const;
  std::string Footer() const;
  // CSV has no body column: its rows are written without reading bodies from the index.
  bool NeedsBody() const { return options_.format != ExportFormat::kCsv; }
  const ExportOptions& options() const { return options_; }

 private:
  std::string Join(const std::string& list, const std::vector<std::string>& values) const;

  ExportOptions options_;
  const Vocabulary& vocabulary_;
};

}  // namespace praxis
