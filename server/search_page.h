// The data behind the search page (`/`) and its fragment (`/fragments/search`): the form's
// state, every facet with counts, the active filters as removable chips, the results, the
// pagination, "did you mean" and the empty state. Templates: search.mustache,
// search_facets.mustache, search_results.mustache.
#pragma once

#include <string>

#include "page_support.h"
#include "search_request.h"
#include "searcher.h"
#include "templates.h"

namespace praxis {

struct YearBounds {
  int min = 0;  // the earliest start year in the index, 0 if unknown
  int max = 0;
};

MustacheData SearchPageData(const PageContext& ctx, const SearchRequest& request,
                            const SearchResult& result, YearBounds years);

// The <title> of a search page.
std::string SearchPageTitle(const PageContext& ctx, const SearchRequest& request);

}  // namespace praxis
