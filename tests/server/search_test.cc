// Query building and facet counting on a fixture index, checked against counts computed with
// plain loops over the fixture list.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "fixture_corpus.h"
#include "index_builder.h"
#include "practice_lookup.h"
#include "searcher.h"
#include "synonyms.h"
#include "test_support.h"
#include "text_util.h"

namespace praxis {
namespace {

using test::FixtureEntry;

constexpr int kEntries = 60;

// One index for all cases in this file: built once, read many times.
struct SearchFixture {
  test::TempDir dir;
  std::vector<FixtureEntry> entries = test::MakeFixtureEntries(kEntries);
  EntryValidator validator{test::ProjectVocabulary(), 2026};
  std::unique_ptr<Xapian::Database> db;
  std::shared_ptr<const FacetIndex> facets;

  SearchFixture() {
    test::WriteFixture(dir.path() + "/content", entries);
    test::TestIndex index = test::IndexContent(validator, dir.path() + "/content",
                                               dir.path() + "/index", /*with_synonyms=*/true);
    db = std::move(index.db);
    facets = std::move(index.facets);
  }

  SearchResult Search(const SearchRequest& r) {
    return Searcher(*db, *facets, test::ProjectVocabulary()).Search(r);
  }
};

SearchFixture& Fixture() {
  static SearchFixture* f = new SearchFixture();
  return *f;
}

bool Has(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

uint64_t CountOf(const SearchResult& r, const std::string& facet, const std::string& value) {
  for (const FacetCount& c : r.facets.at(facet)) {
    if (c.value == value) return c.count;
  }
  return 0;
}

size_t Expected(const std::function<bool(const FixtureEntry&)>& pred) {
  const auto& e = Fixture().entries;
  return static_cast<size_t>(std::count_if(e.begin(), e.end(), pred));
}

std::set<std::string> Ids(const SearchResult& r) {
  std::set<std::string> ids;
  for (const auto& h : r.hits) ids.insert(h.entry.id);
  return ids;
}

TEST_CASE("browsing counts every facet value exactly") {
  SearchRequest r;
  r.per_page = 100;
  SearchResult result = Fixture().Search(r);
  CHECK(result.total == kEntries);
  CHECK(result.hits.size() == kEntries);
  for (const char* country : {"DE", "FR", "KG", "US", "NO", "GB", "RU"}) {
    CHECK_MESSAGE(CountOf(result, "country", country) ==
                      Expected([&](const FixtureEntry& e) { return Has(e.countries, country); }),
                  country);
  }
  for (const char* theme : {"community-policing", "school-prevention", "harm-reduction", "diversion", "nightlife"}) {
    CHECK(CountOf(result, "theme", theme) == Expected([&](const FixtureEntry& e) { return Has(e.themes, theme); }));
  }
  CHECK(CountOf(result, "actor", "police") == Expected([](const FixtureEntry& e) { return Has(e.actors, "police"); }));
  CHECK(CountOf(result, "region", "western-europe") ==
        Expected([](const FixtureEntry& e) {
          return Has(e.countries, "DE") || Has(e.countries, "FR") || Has(e.countries, "GB");
        }));
  CHECK(CountOf(result, "language", "ru") == Expected([](const FixtureEntry& e) { return e.language == "ru"; }));
  CHECK(CountOf(result, "youth_participation", "true") ==
        Expected([](const FixtureEntry& e) { return e.youth_participation; }));
  // Labels come from the vocabulary.
  for (const FacetCount& c : result.facets.at("country")) {
    if (c.value == "NO") CHECK(c.label == "Norway");
  }
}

TEST_CASE("facet counts are disjunctive: a facet ignores its own selection only") {
  SearchRequest r;
  r.filters["theme"] = {"harm-reduction"};
  r.filters["country"] = {"DE", "FR"};
  SearchResult result = Fixture().Search(r);
  auto in_countries = [](const FixtureEntry& e) { return Has(e.countries, "DE") || Has(e.countries, "FR"); };
  auto in_theme = [](const FixtureEntry& e) { return Has(e.themes, "harm-reduction"); };
  CHECK(result.total == Expected([&](const FixtureEntry& e) { return in_countries(e) && in_theme(e); }));
  // The country facet counts within the theme selection, ignoring the country selection.
  for (const char* country : {"DE", "FR", "KG", "US", "GB"}) {
    CHECK_MESSAGE(CountOf(result, "country", country) ==
                      Expected([&](const FixtureEntry& e) { return in_theme(e) && Has(e.countries, country); }),
                  country);
  }
  // The theme facet counts within the country selection.
  for (const char* theme : {"community-policing", "school-prevention", "harm-reduction", "diversion"}) {
    CHECK(CountOf(result, "theme", theme) ==
          Expected([&](const FixtureEntry& e) { return in_countries(e) && Has(e.themes, theme); }));
  }
  // Other facets respect both selections.
  CHECK(CountOf(result, "actor", "police") ==
        Expected([&](const FixtureEntry& e) { return in_countries(e) && in_theme(e) && Has(e.actors, "police"); }));
  // Selected values are flagged.
  bool de_selected = false;
  for (const FacetCount& c : result.facets.at("country")) de_selected = de_selected || (c.value == "DE" && c.selected);
  CHECK(de_selected);
}

TEST_CASE("free text combines with filters, years and pagination") {
  SearchRequest r;
  r.q = "cannabis";
  r.filters["actor"] = {"police"};
  r.year_from = 2005;
  r.year_to = 2015;
  r.per_page = 3;
  SearchResult result = Fixture().Search(r);
  auto match = [](const FixtureEntry& e) {
    return e.mentions_cannabis && Has(e.actors, "police") && e.start_year >= 2005 && e.start_year <= 2015;
  };
  CHECK(result.total == Expected(match));
  REQUIRE(result.total > 3);
  CHECK(result.hits.size() == 3);
  for (const auto& h : result.hits) CHECK(h.snippet_html.find("<mark>cannabis</mark>") != std::string::npos);
  r.page = 2;
  SearchResult second = Fixture().Search(r);
  CHECK(second.total == result.total);
  std::set<std::string> a = Ids(result), b = Ids(second);
  for (const auto& id : b) CHECK_FALSE(a.count(id));
  r.page = 1000;
  CHECK(Fixture().Search(r).hits.empty());
}

TEST_CASE("sorting by date and title") {
  SearchRequest r;
  r.per_page = 100;
  r.sort = SortOrder::kNewest;
  SearchResult newest = Fixture().Search(r);
  for (size_t i = 1; i < newest.hits.size(); ++i) {
    CHECK(newest.hits[i - 1].entry.start_year >= newest.hits[i].entry.start_year);
  }
  r.sort = SortOrder::kOldest;
  SearchResult oldest = Fixture().Search(r);
  for (size_t i = 1; i < oldest.hits.size(); ++i) {
    CHECK(oldest.hits[i - 1].entry.start_year <= oldest.hits[i].entry.start_year);
  }
  r.sort = SortOrder::kTitle;
  SearchResult titles = Fixture().Search(r);
  for (size_t i = 1; i < titles.hits.size(); ++i) {
    CHECK(AsciiLower(titles.hits[i - 1].entry.title) <= AsciiLower(titles.hits[i].entry.title));
  }
}

TEST_CASE("an unknown facet value matches nothing") {
  SearchRequest r;
  r.filters["country"] = {"XX"};
  CHECK(Fixture().Search(r).total == 0);
}

TEST_CASE("malformed queries fall back to plain words instead of failing") {
  for (const char* q : {"\"unbalanced", "AND", "foo AND", "NOT", "foo OR OR bar", "a..b", "(((",
                        "title:", ")", "*", "-", "year:x..y", "cannabis AND"}) {
    SearchRequest r;
    r.q = q;
    CHECK_NOTHROW(Fixture().Search(r));
  }
  SearchRequest r;
  r.q = "cannabis AND";
  SearchResult result = Fixture().Search(r);
  CHECK(result.query_fallback);
  CHECK(result.total == Expected([](const FixtureEntry& e) { return e.mentions_cannabis; }));
}

TEST_CASE("query syntax: phrases, exclusion, wildcards, fields, facet prefixes, years") {
  auto total = [](const std::string& q) {
    SearchRequest r;
    r.q = q;
    return Fixture().Search(r).total;
  };
  CHECK(total("\"discuss cannabis\"") == Expected([](const FixtureEntry& e) { return e.mentions_cannabis; }));
  CHECK(total("\"cannabis discuss\"") == 0);
  CHECK(total("canna*") == Expected([](const FixtureEntry& e) { return e.mentions_cannabis; }));
  CHECK(total("officers -cannabis") ==
        Expected([](const FixtureEntry& e) { return e.language == "en" && !e.mentions_cannabis; }));
  CHECK(total("title:\"practice number 11\"") == 1);
  CHECK(total("zephyrine") == 1);
  CHECK(total("country:de") == Expected([](const FixtureEntry& e) { return Has(e.countries, "DE"); }));
  CHECK(total("country:DE") == Expected([](const FixtureEntry& e) { return Has(e.countries, "DE"); }));
  CHECK(total("year:2010..2012") ==
        Expected([](const FixtureEntry& e) { return e.start_year >= 2010 && e.start_year <= 2012; }));
  CHECK(total("cannabis OR zephyrine") ==
        Expected([](const FixtureEntry& e) { return e.mentions_cannabis || e.id == "fixture-111"; }));
}

TEST_CASE("the stemmer follows the query's language") {
  SearchRequest r;
  r.q = "подростки";  // the entries say "подростками" and "подростков"
  SearchResult result = Fixture().Search(r);
  CHECK(result.query_language == "ru");
  CHECK(result.total == Expected([](const FixtureEntry& e) { return e.language == "ru"; }));
  r.q = "officer";  // English stemming: "officers"
  result = Fixture().Search(r);
  CHECK(result.query_language == "en");
  CHECK(result.total == Expected([](const FixtureEntry& e) { return e.language == "en"; }));
}

TEST_CASE("synonyms from the thesaurus and spelling suggestions") {
  SearchRequest r;
  r.q = "marijuana";  // the thesaurus maps it to cannabis
  CHECK(Fixture().Search(r).total == Expected([](const FixtureEntry& e) { return e.mentions_cannabis; }));
  r.q = "zephyrene";
  SearchResult result = Fixture().Search(r);
  CHECK(result.total == 0);
  CHECK(result.suggestion == "zephyrine");
}

TEST_CASE("more like this finds related entries and never the entry itself") {
  Xapian::docid docid = 0;
  auto entry = FindPractice(*Fixture().db, "fixture-101", &docid);
  REQUIRE(entry);
  auto similar = MoreLikeThis(*Fixture().db, docid, "fixture-101", 5);
  CHECK(similar.size() == 5);
  for (const auto& s : similar) CHECK(s.entry.id != "fixture-101");
  CHECK_FALSE(FindPractice(*Fixture().db, "no-such-entry"));
}

}  // namespace
}  // namespace praxis
