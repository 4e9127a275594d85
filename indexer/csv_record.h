// Entries as CSV records (RFC 4180), the format of the CSV export.
//
// praxis-index stores each entry's record in the index (stored_entry.h), once with codes and
// once with vocabulary labels, so an export of every entry streams ready rows instead of
// parsing every entry's metadata again; praxis-server formats the same way when a record is
// not stored.
#pragma once

#include <string>
#include <vector>

#include "entry.h"
#include "vocabulary.h"

namespace praxis {

// The CSV columns, in order. Multi-valued fields are joined with "; ".
const std::vector<std::string>& CsvColumns();

// The header line, CRLF-terminated.
std::string CsvHeader();

// One CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
std::string CsvField(const std::string& value);

// `values` of the vocabulary list `list` ("countries", "themes", "languages", ...) joined with
// "; ", as labels when `labels` is given, else as the codes themselves. An empty `list` (free
// text such as tags) is never translated.
std::string JoinValues(const Vocabulary* labels, const std::string& list,
                       const std::vector<std::string>& values);

// The entry's CSV record, CRLF-terminated; vocabulary labels when `labels` is given.
std::string CsvRecord(const Entry& entry, const Vocabulary* labels);

}  // namespace praxis
