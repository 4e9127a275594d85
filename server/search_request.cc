#include "search_request.h"

#include <algorithm>
#include <charconv>

#include "index_layout.h"
#include "text_util.h"

namespace praxis {

SortOrder SearchRequest::EffectiveSort() const {
  if (sort) return *sort;
  return Trim(q).empty() ? SortOrder::kNewest : SortOrder::kRelevance;
}

bool SearchRequest::HasFilters() const {
  return !filters.empty() || year_from || year_to;
}

const char* SortName(SortOrder sort) {
  switch (sort) {
    case SortOrder::kRelevance: return "relevance";
    case SortOrder::kNewest: return "newest";
    case SortOrder::kOldest: return "oldest";
    case SortOrder::kTitle: return "title";
    case SortOrder::kUpdated: return "updated";
  }
  return "relevance";
}

namespace {

bool Fail(ApiError* error, const std::string& code, const std::string& message) {
  *error = {400, code, message};
  return false;
}

bool ParseInt(const std::string& name, const std::string& text, int min, int max, int* out,
              ApiError* error) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Fail(error, "invalid_parameter",
                "parameter '" + name + "' must be a whole number (got '" +
                    std::string(Utf8Prefix(text, 40)) + "')");
  }
  if (value < min || value > max) {
    return Fail(error, "invalid_parameter",
                "parameter '" + name + "' must be between " + std::to_string(min) + " and " +
                    std::to_string(max) + " (got " + text + ")");
  }
  *out = value;
  return true;
}

}  // namespace

bool ParseSearchRequest(const std::multimap<std::string, std::string>& params,
                        const std::vector<std::string>& also_allowed, SearchRequest* out,
                        ApiError* error, const SearchLimits& limits) {
  if (params.size() > limits.max_parameters) {
    return Fail(error, "too_many_parameters",
                "too many parameters (" + std::to_string(params.size()) + "; at most " +
                    std::to_string(limits.max_parameters) + ")");
  }
  std::map<std::string, int> seen;
  for (const auto& [name, value] : params) {
    const std::string shown_name(Utf8Prefix(name, 60));
    if (FindInvalidUtf8(name) || FindInvalidUtf8(value) ||
        name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      return Fail(error, "invalid_encoding",
                  "parameter values must be UTF-8 text without NUL bytes");
    }
    const bool is_facet = layout::FindFacet(name) != nullptr;
    const bool singleton = !is_facet;
    if (singleton && ++seen[name] > 1) {
      return Fail(error, "repeated_parameter", "parameter '" + shown_name + "' is given twice");
    }
    if (name == "q") {
      if (value.size() > limits.max_query_bytes) {
        return Fail(error, "query_too_long",
                    "parameter 'q' is " + std::to_string(value.size()) +
                        " bytes long; at most " + std::to_string(limits.max_query_bytes) +
                        " bytes are allowed");
      }
      out->q = value;
    } else if (name == "page") {
      if (!ParseInt(name, value, 1, limits.max_page, &out->page, error)) return false;
    } else if (name == "per_page") {
      if (!ParseInt(name, value, 1, limits.max_per_page, &out->per_page, error)) return false;
    } else if (name == "year_from" || name == "year_to") {
      if (value.empty()) continue;  // an empty form field means "no bound"
      int year = 0;
      if (!ParseInt(name, value, 0, 9999, &year, error)) return false;
      (name == "year_from" ? out->year_from : out->year_to) = year;
    } else if (name == "sort") {
      if (value == "relevance") out->sort = SortOrder::kRelevance;
      else if (value == "newest") out->sort = SortOrder::kNewest;
      else if (value == "oldest") out->sort = SortOrder::kOldest;
      else if (value == "title") out->sort = SortOrder::kTitle;
      else if (value == "updated") out->sort = SortOrder::kUpdated;
      else if (value.empty()) out->sort.reset();
      else {
        return Fail(error, "invalid_parameter",
                    "parameter 'sort' must be relevance, newest, oldest, title or updated (got '" +
                        std::string(Utf8Prefix(value, 40)) + "')");
      }
    } else if (is_facet) {
      if (value.size() > limits.max_value_bytes) {
        return Fail(error, "value_too_long",
                    "a value of parameter '" + name + "' is longer than " +
                        std::to_string(limits.max_value_bytes) + " bytes");
      }
      std::string v(Trim(value));
      if (v.empty()) continue;
      auto& values = out->filters[name];
      if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    } else if (std::find(also_allowed.begin(), also_allowed.end(), name) == also_allowed.end()) {
      return Fail(error, "unknown_parameter", "unknown parameter '" + shown_name + "'");
    }
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> SearchRequestToParams(const SearchRequest& r) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!r.q.empty()) out.emplace_back("q", r.q);
  for (const layout::Facet& facet : layout::kFacets) {
    auto it = r.filters.find(facet.param);
    if (it == r.filters.end()) continue;
    for (const std::string& v : it->second) out.emplace_back(facet.param, v);
  }
  if (r.year_from) out.emplace_back("year_from", std::to_string(*r.year_from));
  if (r.year_to) out.emplace_back("year_to", std::to_string(*r.year_to));
  if (r.sort) out.emplace_back("sort", SortName(*r.sort));
  if (r.page != 1) out.emplace_back("page", std::to_string(r.page));
  if (r.per_page != 20) out.emplace_back("per_page", std::to_string(r.per_page));
  return out;
}

}  // namespace praxis
