// The parameters of a search, parsed and checked from a query string.
//
// Shared by the JSON API, the HTML pages and exports, so every entry point accepts the same
// parameters with the same limits and the same error messages.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api_error.h"

namespace praxis {

// kUpdated (most recently updated first) serves feeds and "what changed" lists.
enum class SortOrder { kRelevance, kNewest, kOldest, kTitle, kUpdated };

struct SearchRequest {
  std::string q;
  // Selected values by facet parameter ("theme" -> {"harm-reduction", ...}); OR within a facet,
  // AND across facets.
  std::map<std::string, std::vector<std::string>> filters;
  std::optional<int> year_from;
  std::optional<int> year_to;
  std::optional<SortOrder> sort;  // unset: relevance with a query, newest without
  int page = 1;
  int per_page = 20;

  SortOrder EffectiveSort() const;
  bool HasFilters() const;
};

const char* SortName(SortOrder sort);

struct SearchLimits {
  size_t max_query_bytes = 1000;
  size_t max_value_bytes = 200;
  size_t max_parameters = 100;
  int max_page = 1000;
  int max_per_page = 100;
};

// Parses `params` (decoded query-string pairs, in order). Parameters named in `also_allowed`
// are accepted and left to the caller (e.g. "format" for exports). Returns false and fills
// *error for any unknown parameter, malformed number, out-of-range value or bad encoding.
bool ParseSearchRequest(const std::multimap<std::string, std::string>& params,
                        const std::vector<std::string>& also_allowed, SearchRequest* out,
                        ApiError* error, const SearchLimits& limits = {});

// The request back as query-string pairs (for links: pagination, facet toggles, exports).
std::vector<std::pair<std::string, std::string>> SearchRequestToParams(const SearchRequest& r);

}  // namespace praxis
