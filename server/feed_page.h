// The Atom feed of a search (GET /feed.atom?<search parameters>): the most recently updated
// practices matching it, so any saved search can be followed in a feed reader.
#pragma once

#include <string>

#include "page_support.h"
#include "searcher.h"

namespace praxis {

// At most this many entries per feed.
inline constexpr int kFeedEntries = 50;

// Template data for web/templates/feed.mustache. `self_path` is the feed's own path and query.
MustacheData FeedData(const PageContext& ctx, const SearchRequest& request,
                      const SearchResult& result, const std::string& self_path);

// The query string of a search without paging, sorting or language: what an export or a feed
// of the same search takes. Starts with '?' unless empty.
std::string SearchQueryString(const SearchRequest& request);

}  // namespace praxis
