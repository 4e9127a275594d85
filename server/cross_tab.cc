#include "cross_tab.h"

#include <algorithm>
#include <map>

#include "index_layout.h"
#include "searcher.h"

namespace praxis {

namespace L = layout;

namespace {

// The values of one axis with the documents of the set holding each.
struct AxisSets {
  CrossTabAxis axis;
  std::vector<DocBitmap> sets;
};

AxisSets BuildAxis(const DocBitmap& set, const FacetIndex& facets, const Vocabulary& vocabulary,
                   const std::string& field) {
  AxisSets out;
  out.axis.field = field;
  if (field == "year") {
    std::map<int, DocBitmap> by_year;
    set.ForEach([&](Xapian::docid id) {
      auto [it, inserted] = by_year.try_emplace(facets.start_year(id), facets.bitmap_size());
      it->second.Set(id);
    });
    if (by_year.empty()) return out;
    // Every year of the span, empty ones included, so the series has no gaps.
    for (int year = by_year.begin()->first; year <= by_year.rbegin()->first; ++year) {
      auto it = by_year.find(year);
      DocBitmap bitmap = it == by_year.end() ? DocBitmap(facets.bitmap_size()) : std::move(it->second);
      out.axis.values.push_back(std::to_string(year));
      out.axis.labels.push_back(std::to_string(year));
      out.axis.totals.push_back(bitmap.Count());
      out.sets.push_back(std::move(bitmap));
    }
    return out;
  }
  const L::Facet* facet = L::FindFacet(field);
  std::vector<std::pair<uint64_t, std::string>> present;
  for (const std::string& value : facets.Values(*facet)) {
    uint64_t count = set.CountAnd(facets.Value(*facet, value));
    if (count > 0) present.emplace_back(count, value);
  }
  const bool scale = field == "evidence" || field == "age_band" || field == "prevention_level";
  if (scale) {
    std::vector<std::string> order = vocabulary.Ids(facet->vocabulary);
    auto rank = [&](const std::string& v) { return std::find(order.begin(), order.end(), v) - order.begin(); };
    std::sort(present.begin(), present.end(), [&](const auto& a, const auto& b) { return rank(a.second) < rank(b.second); });
  } else {
    std::sort(present.begin(), present.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
  }
  for (const auto& [count, value] : present) {
    DocBitmap bitmap = set;
    bitmap.And(facets.Value(*facet, value));
    out.axis.values.push_back(value);
    out.axis.labels.push_back(Searcher::FacetLabel(vocabulary, *facet, value));
    out.axis.totals.push_back(count);
    out.sets.push_back(std::move(bitmap));
  }
  return out;
}

}  // namespace

bool IsCrossTabField(const std::string& field) {
  return field == "year" || L::FindFacet(field) != nullptr;
}

CrossTab ComputeCrossTab(const DocBitmap& set, const FacetIndex& facets,
                         const Vocabulary& vocabulary, const std::string& row_field,
                         const std::string& column_field) {
  CrossTab tab;
  tab.total = set.Count();
  AxisSets rows = BuildAxis(set, facets, vocabulary, row_field);
  tab.rows = rows.axis;
  if (column_field.empty()) return tab;
  AxisSets columns = BuildAxis(set, facets, vocabulary, column_field);
  tab.columns = columns.axis;
  for (const DocBitmap& row : rows.sets) {
    std::vector<uint64_t> counts;
    counts.reserve(columns.sets.size());
    for (const DocBitmap& column : columns.sets) counts.push_back(row.CountAnd(column));
    tab.cells.push_back(std::move(counts));
  }
  return tab;
}

}  // namespace praxis
