// Faceted search over one index revision.
//
// A search runs in three steps:
//  1. the text query (or, without text, every document) and the year range give the base set,
//     as a bitmap;
//  2. facet selections are bitmaps too; the result set is the base AND every facet's selection,
//     and each facet's counts are the base AND every *other* facet's selection (disjunctive
//     counting, exact);
//  3. the page: by relevance through Xapian's matcher, or by date or title from in-memory keys.
//
// A Searcher is cheap; make one per request. It uses the calling thread's Database handle.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "entry.h"
#include "facet_index.h"
#include "search_request.h"
#include "vocabulary.h"

namespace praxis {

struct SearchHit {
  Entry entry;  // the list fields only (StoredListEntry in stored_entry.h)
  std::string snippet_html;  // HTML-escaped text with <mark> around matched words
  double weight = 0;
};

struct FacetCount {
  std::string value;
  std::string label;
  uint64_t count = 0;
  bool selected = false;
};

struct SearchResult {
  uint64_t total = 0;
  std::vector<SearchHit> hits;
  std::map<std::string, std::vector<FacetCount>> facets;  // by facet parameter
  std::string parsed_query;   // Xapian's description of the query
  std::string suggestion;     // "did you mean", or ""
  std::string query_language; // the stemmer's language
  bool query_fallback = false;
};

class Searcher {
 public:
  Searcher(Xapian::Database& db, const FacetIndex& facets, const Vocabulary& vocabulary);

  SearchResult Search(const SearchRequest& request);

  // Every matching document id in result order (for exports and statistics): the base set and
  // filters as in Search(), no facet counts. Relevance order when there is a query.
  std::vector<Xapian::docid> AllMatches(const SearchRequest& request);

  // The documents matching the request, as a bitmap (for statistics).
  DocBitmap MatchingSet(const SearchRequest& request);

  // The label of a facet value: the vocabulary's, "Yes"/"No" for booleans, else the value.
  static std::string FacetLabel(const Vocabulary& vocabulary, const layout::Facet& facet,
                                const std::string& value);

 private:
  struct Selection;
  // Parses the query, builds the filters, the base set (text matches within the years) and
  // the result set (base within every facet selection).
  Selection Select(const SearchRequest& request);
  DocBitmap TextMatches(const Xapian::Query& query);
  std::vector<Xapian::docid> SortedPage(const DocBitmap& matches, SortOrder sort, size_t offset,
                                        size_t count);

  Xapian::Database& db_;
  const FacetIndex& facets_;
  const Vocabulary& vocabulary_;
};

}  // namespace praxis
