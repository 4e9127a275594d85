#include <doctest/doctest.h>

#include "search_request.h"

namespace praxis {
namespace {

using Params = std::multimap<std::string, std::string>;

ApiError Fails(const Params& params) {
  SearchRequest r;
  ApiError error;
  CHECK_FALSE(ParseSearchRequest(params, {}, &r, &error));
  return error;
}

TEST_CASE("search parameters are parsed and repeated facets are ORed") {
  SearchRequest r;
  ApiError error;
  Params params = {{"q", "police"}, {"theme", "diversion"}, {"theme", "nightlife"},
                   {"country", "DE"}, {"year_from", "2010"}, {"sort", "title"},
                   {"page", "2"}, {"per_page", "50"}};
  REQUIRE(ParseSearchRequest(params, {}, &r, &error));
  CHECK(r.q == "police");
  CHECK(r.filters["theme"] == std::vector<std::string>{"diversion", "nightlife"});
  CHECK(r.year_from == 2010);
  CHECK_FALSE(r.year_to.has_value());
  CHECK(r.EffectiveSort() == SortOrder::kTitle);
  CHECK(r.page == 2);
  CHECK(r.per_page == 50);
  auto back = SearchRequestToParams(r);
  CHECK(back.size() == params.size());
}

TEST_CASE("defaults: relevance with a query, newest without") {
  SearchRequest r;
  CHECK(r.EffectiveSort() == SortOrder::kNewest);
  r.q = "x";
  CHECK(r.EffectiveSort() == SortOrder::kRelevance);
  CHECK(r.per_page == 20);
}

TEST_CASE("bad parameters are refused with a message naming them") {
  CHECK(Fails({{"foo", "1"}}).message == "unknown parameter 'foo'");
  CHECK(Fails({{"foo", "1"}}).code == "unknown_parameter");
  CHECK(Fails({{"per_page", "0"}}).message == "parameter 'per_page' must be between 1 and 100 (got 0)");
  CHECK(Fails({{"per_page", "101"}}).code == "invalid_parameter");
  CHECK(Fails({{"page", "0"}}).code == "invalid_parameter");
  CHECK(Fails({{"page", "1001"}}).code == "invalid_parameter");
  CHECK(Fails({{"page", "abc"}}).message == "parameter 'page' must be a whole number (got 'abc')");
  CHECK(Fails({{"page", "1.5"}}).code == "invalid_parameter");
  CHECK(Fails({{"year_from", "20x0"}}).code == "invalid_parameter");
  CHECK(Fails({{"sort", "random"}}).code == "invalid_parameter");
  CHECK(Fails({{"q", "a"}, {"q", "b"}}).code == "repeated_parameter");
  CHECK(Fails({{"q", std::string(1001, 'a')}}).code == "query_too_long");
  CHECK(Fails({{"q", std::string("a\0b", 3)}}).code == "invalid_encoding");
  CHECK(Fails({{"q", "\xFF"}}).code == "invalid_encoding");
  CHECK(Fails({{"theme", std::string(300, 'a')}}).code == "value_too_long");
  Params many;
  for (int i = 0; i < 101; ++i) many.emplace("theme", "t" + std::to_string(i));
  CHECK(Fails(many).code == "too_many_parameters");
}

TEST_CASE("parameters a caller allows are accepted and left to it") {
  SearchRequest r;
  ApiError error;
  CHECK(ParseSearchRequest({{"format", "csv"}}, {"format"}, &r, &error));
  CHECK(ParseSearchRequest({{"year_from", ""}, {"theme", " "}}, {}, &r, &error));
  CHECK(r.filters.empty());
}

}  // namespace
}  // namespace praxis
