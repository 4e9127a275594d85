// Cross-tabulation of a result set by one or two fields (GET /api/v1/stats): counts of
// documents per value pair, with row and column totals. A field is a facet parameter
// ("country", "theme", ...) or "year" (start_year, which gives a time series).
//
// Multi-valued fields count a document once under each of its values, so a row total is the
// number of documents with that value, not the sum of its cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doc_bitmap.h"
#include "facet_index.h"
#include "vocabulary.h"

namespace praxis {

struct CrossTabAxis {
  std::string field;
  std::vector<std::string> values;
  std::vector<std::string> labels;
  std::vector<uint64_t> totals;
};

struct CrossTab {
  uint64_t total = 0;  // documents in the set
  CrossTabAxis rows;
  std::optional<CrossTabAxis> columns;
  std::vector<std::vector<uint64_t>> cells;  // [row][column]
};

bool IsCrossTabField(const std::string& field);

CrossTab ComputeCrossTab(const DocBitmap& set, const FacetIndex& facets,
                         const Vocabulary& vocabulary, const std::string& row_field,
                         const std::string& column_field);

}  // namespace praxis
