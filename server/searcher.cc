#include "searcher.h"

#include <algorithm>
#include <optional>

#include "index_layout.h"
#include "match_set.h"
#include "query_builder.h"
#include "snippet.h"
#include "stored_entry.h"
#include "text_util.h"

namespace praxis {

namespace L = layout;

namespace {

constexpr size_t kSnippetBytes = 260;

// Facets whose values have a natural order (a scale) are listed in vocabulary order; the
// others by count.
bool OrderedByVocabulary(const L::Facet& facet) {
  const std::string_view p = facet.param;
  return p == "evidence" || p == "age_band" || p == "prevention_level" ||
         p == "youth_participation" || p == "gender_responsive";
}


// A phrase check reads the positions of the query's words in each document it is asked about;
// over a match set of tens of thousands that was most of a search's time (45 of 53 ms for a
// two-word query on 100,000 entries). So when the matches outnumber the window, the plain query
// ranks them all and the phrase boost re-ranks only the best of them: an entry must be among
// those to be lifted by the phrase. Weights do not depend on which documents are asked about
// (the statistics are the collection's), so within the window the order is exactly that of
// ranking every match with the boost.
constexpr Xapian::doccount kRescoreWindow = 200;

// Entries [offset, offset + count) of the ranking of `parsed` within `filter` (if not empty);
// `matches` is how many documents match.
Xapian::MSet RankedPage(const Xapian::Database& db, const ParsedQuery& parsed,
                        const Xapian::Query& filter, Xapian::doccount matches,
                        Xapian::doccount offset, Xapian::doccount count) {
  auto within = [&filter](const Xapian::Query& q) {
    return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  };
  Xapian::Enquire enquire(db);
  const Xapian::doccount window = std::max(kRescoreWindow, offset + count);
  if (parsed.phrase_boost.empty() || matches <= window) {
    enquire.set_query(within(RankingQuery(parsed)));
    return enquire.get_mset(offset, count);
  }
  enquire.set_query(within(parsed.query));
  Xapian::MSet best = enquire.get_mset(0, window);
  std::vector<Xapian::Query> ids;
  for (auto it = best.begin(); it != best.end(); ++it) {
    ids.emplace_back(L::kPrefixId + StoredId(it.get_document()));
  }
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, RankingQuery(parsed),
                                  Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
  return enquire.get_mset(offset, count);
}

std::string PlainSnippet(const Entry& e) {
  std::string_view summary = Utf8Prefix(e.summary, kSnippetBytes);
  return HtmlEscape(summary) + (summary.size() < e.summary.size() ? "…" : "");
}

}  // namespace

struct Searcher::Selection {
  ParsedQuery parsed;
  DocBitmap in_years;                        // documents within the year range (all without one)
  std::map<std::string, DocBitmap> filters;  // by facet parameter, only facets with a selection
  std::optional<DocBitmap> all_filters;      // every facet selection at once, if any
  DocBitmap base;                            // text matches within the years
  DocBitmap result;                          // base within every facet selection
  Xapian::Query filter_query;                // the same filters for Xapian's matcher
};

Searcher::Searcher(Xapian::Database& db, const FacetIndex& facets, const Vocabulary& vocabulary)
    : db_(db), facets_(facets), vocabulary_(vocabulary) {}

std::string Searcher::FacetLabel(const Vocabulary& vocabulary, const L::Facet& facet,
                                 const std::string& value) {
  if (facet.vocabulary[0] == '\0') return value == "true" ? "Yes" : value == "false" ? "No" : value;
  const std::string_view list = facet.vocabulary;
  if (list == "countries") {
    if (const Country* c = vocabulary.FindCountry(value)) return c->name;
    return value;
  }
  if (const VocabularyValue* v = vocabulary.Find(list, value)) return v->label;
  return value;
}

DocBitmap Searcher::TextMatches(const Xapian::Query& query) {
  return QueryMatchSet(query, db_, facets_.all());
}

Searcher::Selection Searcher::Select(const SearchRequest& r) {
  Selection s;
  auto language = r.filters.find("language");
  s.parsed = ParseUserQuery(r.q, db_, facets_,
                            language == r.filters.end() ? std::vector<std::string>{}
                                                        : language->second);
  std::vector<Xapian::Query> filter_parts;
  s.in_years = facets_.all();
  if (r.year_from || r.year_to) {
    const int lo = r.year_from.value_or(0), hi = r.year_to.value_or(9999);
    DocBitmap in_range(facets_.bitmap_size());
    facets_.all().ForEach([&](Xapian::docid id) {
      const int year = facets_.start_year(id);
      if (year >= lo && year <= hi) in_range.Set(id);
    });
    s.in_years = std::move(in_range);
    filter_parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, L::kSlotStartYear,
                              Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi));
  }
  for (const L::Facet& facet : L::kFacets) {
    auto it = r.filters.find(facet.param);
    if (it == r.filters.end() || it->second.empty()) continue;
    DocBitmap selected(facets_.bitmap_size());
    std::vector<Xapian::Query> terms;
    for (const std::string& value : it->second) {
      selected.Or(facets_.Value(facet, value));
      terms.emplace_back(L::FacetTerm(facet, value));
    }
    if (s.all_filters) s.all_filters->And(selected); else s.all_filters = selected;
    s.filters.emplace(facet.param, std::move(selected));
    filter_parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (!filter_parts.empty()) {
    s.filter_query = Xapian::Query(Xapian::Query::OP_AND, filter_parts.begin(), filter_parts.end());
  }
  s.base = s.parsed.query.empty() ? facets_.all() : TextMatches(s.parsed.query);
  s.base.And(s.in_years);
  s.result = s.base;
  if (s.all_filters) s.result.And(*s.all_filters);
  return s;
}

std::vector<Xapian::docid> Searcher::SortedPage(const DocBitmap& matches, SortOrder sort,
                                                size_t offset, size_t count) {
  std::vector<Xapian::docid> ids;
  ids.reserve(static_cast<size_t>(matches.Count()));
  matches.ForEach([&](Xapian::docid id) { ids.push_back(id); });
  auto newer = [&](Xapian::docid a, Xapian::docid b) {
    if (facets_.start_year(a) != facets_.start_year(b)) return facets_.start_year(a) > facets_.start_year(b);
    if (facets_.updated(a) != facets_.updated(b)) return facets_.updated(a) > facets_.updated(b);
    return facets_.title_rank(a) < facets_.title_rank(b);
  };
  auto older = [&](Xapian::docid a, Xapian::docid b) {
    if (facets_.start_year(a) != facets_.start_year(b)) return facets_.start_year(a) < facets_.start_year(b);
    if (facets_.updated(a) != facets_.updated(b)) return facets_.updated(a) < facets_.updated(b);
    return facets_.title_rank(a) < facets_.title_rank(b);
  };
  auto by_title = [&](Xapian::docid a, Xapian::docid b) {
    return facets_.title_rank(a) < facets_.title_rank(b);
  };
  auto recently_updated = [&](Xapian::docid a, Xapian::docid b) {
    if (facets_.updated(a) != facets_.updated(b)) return facets_.updated(a) > facets_.updated(b);
    return facets_.title_rank(a) < facets_.title_rank(b);
  };
  const size_t end = std::min(ids.size(), offset + count);
  if (offset >= ids.size()) return {};
  auto middle = ids.begin() + static_cast<std::ptrdiff_t>(end);
  switch (sort) {
    case SortOrder::kOldest: std::partial_sort(ids.begin(), middle, ids.end(), older); break;
    case SortOrder::kTitle: std::partial_sort(ids.begin(), middle, ids.end(), by_title); break;
    case SortOrder::kUpdated: std::partial_sort(ids.begin(), middle, ids.end(), recently_updated); break;
    default: std::partial_sort(ids.begin(), middle, ids.end(), newer); break;
  }
  return std::vector<Xapian::docid>(ids.begin() + static_cast<std::ptrdiff_t>(offset), middle);
}

SearchResult Searcher::Search(const SearchRequest& r) {
  SearchResult out;
  const size_t offset = static_cast<size_t>(r.page - 1) * static_cast<size_t>(r.per_page);
  const size_t count = static_cast<size_t>(r.per_page);
  Selection s = Select(r);
  const SortOrder sort = s.parsed.query.empty() && r.EffectiveSort() == SortOrder::kRelevance
                             ? SortOrder::kNewest
                             : r.EffectiveSort();
  out.total = s.result.Count();
  out.parsed_query = s.parsed.query.empty() ? "" : RankingQuery(s.parsed).get_description();
  out.query_language = s.parsed.language;
  out.query_fallback = s.parsed.fallback;

  // Facet counts: each facet sees the base set and every other facet's selection.
  for (const L::Facet& facet : L::kFacets) {
    const DocBitmap* others = &s.result;
    DocBitmap own;
    auto selected_it = r.filters.find(facet.param);
    const bool has_selection = selected_it != r.filters.end();
    if (has_selection) {
      own = s.base;
      for (const auto& [param, bitmap] : s.filters) {
        if (param != facet.param) own.And(bitmap);
      }
      others = &own;
    }
    std::vector<std::string> values = facets_.Values(facet);
    if (has_selection) {
      for (const std::string& v : selected_it->second) {
        std::string canonical = L::FacetValueFromTerm(facet, L::FacetTerm(facet, v));
        if (std::find(values.begin(), values.end(), canonical) == values.end()) values.push_back(canonical);
      }
    }
    std::vector<FacetCount>& counts = out.facets[facet.param];
    for (const std::string& value : values) {
      FacetCount c;
      c.value = value;
      c.count = others->CountAnd(facets_.Value(facet, value));
      if (has_selection) {
        for (const std::string& v : selected_it->second) {
          c.selected = c.selected || L::FacetTerm(facet, v) == L::FacetTerm(facet, value);
        }
      }
      if (c.count == 0 && !c.selected) continue;
      c.label = FacetLabel(vocabulary_, facet, value);
      counts.push_back(std::move(c));
    }
    if (OrderedByVocabulary(facet) && facet.vocabulary[0] != '\0') {
      std::vector<std::string> order = vocabulary_.Ids(facet.vocabulary);
      auto rank = [&](const FacetCount& c) {
        return std::find(order.begin(), order.end(), c.value) - order.begin();
      };
      std::stable_sort(counts.begin(), counts.end(),
                       [&](const FacetCount& a, const FacetCount& b) { return rank(a) < rank(b); });
    } else if (!OrderedByVocabulary(facet)) {
      std::stable_sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.label < b.label;
      });
    }
  }

  Xapian::MSet mset;
  std::vector<Xapian::Document> documents;  // of the hits, for their snippet text
  if (sort == SortOrder::kRelevance) {
    // Only the page is ranked: the matcher may skip documents that cannot reach it.
    mset = RankedPage(db_, s.parsed, s.filter_query, static_cast<Xapian::doccount>(out.total),
                      static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(count));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      documents.push_back(it.get_document());
      out.hits.push_back({StoredListEntry(documents.back()), "", it.get_weight()});
    }
  } else {
    for (Xapian::docid id : SortedPage(s.result, sort, offset, count)) {
      documents.push_back(db_.get_document(id));
      out.hits.push_back({StoredListEntry(documents.back()), "", 0});
    }
    if (!s.parsed.query.empty() && !out.hits.empty()) {
      // An MSet over just this page gives Xapian what it needs to highlight the query.
      std::vector<Xapian::Query> ids;
      for (const SearchHit& h : out.hits) ids.emplace_back(L::kPrefixId + h.entry.id);
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, s.parsed.query,
                                      Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
      mset = enquire.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    }
  }
  // No background model: it looks every word of the text up in the index, which costs more
  // than the rest of the search; the query's own term weights pick the passage well enough.
  const SnippetMaker snippets(mset, s.parsed.query, s.parsed.stemmer);
  for (size_t i = 0; i < out.hits.size(); ++i) {
    SearchHit& hit = out.hits[i];
    if (!s.parsed.query.empty()) hit.snippet_html = snippets.Make(StoredSnippetText(documents[i]));
    if (hit.snippet_html.empty()) hit.snippet_html = PlainSnippet(hit.entry);
  }

  // Offer a correction only when it would help: few or no results.
  if (out.total < 3) {
    std::string corrected = SpellingCorrection(r.q, db_, s.parsed);
    if (!corrected.empty() && corrected != r.q) out.suggestion = std::move(corrected);
  }
  return out;
}

DocBitmap Searcher::MatchingSet(const SearchRequest& request) {
  return Select(request).result;
}

std::vector<Xapian::docid> Searcher::AllMatches(const SearchRequest& r) {
  Selection s = Select(r);
  const SortOrder sort = s.parsed.query.empty() && r.EffectiveSort() == SortOrder::kRelevance
                             ? SortOrder::kNewest
                             : r.EffectiveSort();
  if (sort != SortOrder::kRelevance) {
    return SortedPage(s.result, sort, 0, static_cast<size_t>(s.result.Count()));
  }
  const Xapian::doccount matches = s.result.Count();
  Xapian::MSet mset = RankedPage(db_, s.parsed, s.filter_query, matches, 0, matches);
  std::vector<Xapian::docid> ids;
  ids.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
  return ids;
}

}  // namespace praxis
