// An in-memory picture of one index revision for facet counting and sorting: a bitmap of the
// documents holding each facet term, and per-document sort keys.
//
// Built once per index revision by IndexManager (a few tens of milliseconds at 100,000
// documents) and shared read-only by all request threads, so it needs no locking.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "doc_bitmap.h"
#include "index_layout.h"

namespace praxis {

class FacetIndex {
 public:
  // Reads the facet terms and sort values of `db`.
  static std::shared_ptr<const FacetIndex> Build(Xapian::Database& db);

  Xapian::docid bitmap_size() const { return all_.size(); }
  const DocBitmap& all() const { return all_; }
  Xapian::doccount document_count() const { return document_count_; }

  // The documents with this value of a facet (an empty bitmap for an unknown value).
  const DocBitmap& Value(const layout::Facet& facet, const std::string& value) const;
  // Every value of a facet present in the index, in term order.
  const std::vector<std::string>& Values(const layout::Facet& facet) const;

  int start_year(Xapian::docid id) const { return id < years_.size() ? years_[id] : 0; }
  // YYYYMMDD of `updated`, or 0.
  int32_t updated(Xapian::docid id) const { return id < updated_.size() ? updated_[id] : 0; }
  // Position of the document's title in title order.
  uint32_t title_rank(Xapian::docid id) const {
    return id < title_rank_.size() ? title_rank_[id] : 0;
  }

  // Languages of the entries, most entries first (from the L terms).
  const std::vector<std::string>& languages() const { return languages_; }
  int min_year() const { return min_year_; }
  int max_year() const { return max_year_; }

 private:
  DocBitmap all_;
  Xapian::doccount document_count_ = 0;
  std::map<std::string, DocBitmap> bitmaps_;  // by term
  std::map<std::string, std::vector<std::string>> values_;  // by facet param
  std::vector<int16_t> years_;
  std::vector<int32_t> updated_;
  std::vector<uint32_t> title_rank_;
  std::vector<std::string> languages_;
  int min_year_ = 0;
  int max_year_ = 0;
};

}  // namespace praxis
