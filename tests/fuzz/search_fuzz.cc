// A search as the API receives it: a query string, decoded into parameters, parsed and checked,
// then run on a small index of content/ (query building, filters, facet counts, the page and its
// snippets) and written as the API's JSON. Errors are written as JSON too. nlohmann::json
// throws on invalid UTF-8, so every text that reaches the wire is checked on the way.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "api_json.h"
#include "form_body.h"
#include "fuzz_support.h"
#include "search_request.h"
#include "searcher.h"
#include "test_support.h"

using namespace praxis;

namespace {

std::multimap<std::string, std::string> Params(std::string_view query_string) {
  std::multimap<std::string, std::string> params;
  for (auto& [name, value] : ParseUrlEncoded(query_string)) params.emplace(name, value);
  return params;
}

std::multimap<std::string, std::string> Params(const SearchRequest& r) {
  std::multimap<std::string, std::string> params;
  for (auto& [name, value] : SearchRequestToParams(r)) params.emplace(name, value);
  return params;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::ContentIndex();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query_string(reinterpret_cast<const char*>(data), size);
  SearchRequest request;
  ApiError error;
  if (!ParseSearchRequest(Params(query_string), {"lang"}, &request, &error)) {
    ErrorJson(error).dump();
    return 0;
  }

  // Links (pagination, facet toggles) are made from the request: they must parse back to it.
  SearchRequest again;
  if (!ParseSearchRequest(Params(request), {}, &again, &error)) {
    fuzz::Fail("a request's own parameters are refused: " + error.message);
  }
  if (SearchRequestToParams(again) != SearchRequestToParams(request)) {
    fuzz::Fail("a request's parameters do not parse back to it");
  }

  fuzz::SearchIndex& index = fuzz::ContentIndex();
  Searcher searcher(*index.db, *index.facets, test::ProjectVocabulary());
  const SearchResult result = searcher.Search(request);
  if (result.hits.size() > static_cast<size_t>(request.per_page)) fuzz::Fail("page too long");
  if (result.total > index.facets->document_count()) fuzz::Fail("more hits than documents");
  SearchResultJson(request, result, 0).dump();
  return 0;
}
