// Search sanity on the project's real content: what a practitioner would try first.
#include <doctest/doctest.h>

#include <algorithm>

#include "content_set.h"
#include "fixture_corpus.h"
#include "index_builder.h"
#include "searcher.h"
#include "synonyms.h"
#include "test_support.h"

namespace praxis {
namespace {

struct RealContent {
  test::TempDir dir;
  EntryValidator validator{test::ProjectVocabulary()};
  std::vector<Entry> entries;
  std::unique_ptr<Xapian::Database> db;
  std::shared_ptr<const FacetIndex> facets;

  RealContent() {
    const std::string content = std::string(PRAXIS_SOURCE_DIR) + "/content";
    test::TestIndex index =
        test::IndexContent(validator, content, dir.path() + "/index", /*with_synonyms=*/true);
    db = std::move(index.db);
    facets = std::move(index.facets);
    std::string error;
    std::vector<ContentFile> files;
    REQUIRE(ScanContent(content, &files, &error));
    for (const ContentFile& f : files) {
      LoadedEntry loaded;
      std::vector<Diagnostic> diagnostics;
      LoadEntryFile(f, validator, &loaded, &diagnostics);
      entries.push_back(loaded.entry);
    }
  }
  SearchResult Search(const std::string& q, const std::map<std::string, std::vector<std::string>>& filters = {},
                      int per_page = 100) {
    SearchRequest r;
    r.q = q;
    r.filters = filters;
    r.per_page = per_page;
    return Searcher(*db, *facets, test::ProjectVocabulary()).Search(r);
  }
};

RealContent& Content() {
  static RealContent* c = new RealContent();
  return *c;
}

bool HasValue(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST_CASE("a Russian query finds the Russian entries through Russian stemming") {
  // "профилактику" (prevention, accusative) appears in the entries only in other forms.
  SearchResult r = Content().Search("профилактику");
  CHECK(r.query_language == "ru");
  REQUIRE(r.total >= 2);
  for (const SearchHit& h : r.hits) CHECK_MESSAGE(h.entry.language == "ru", h.entry.id);
}

TEST_CASE("a German query finds the German entries") {
  SearchResult r = Content().Search("Jugendlichen Drogen");
  CHECK(r.query_language == "de");
  REQUIRE(r.total >= 1);
  CHECK(r.hits[0].entry.language == "de");
}

TEST_CASE("community policing ranks entries with that theme first") {
  SearchResult r = Content().Search("community policing", {}, 10);
  REQUIRE(r.hits.size() == 10);
  for (size_t i = 0; i < 5; ++i) {
    CHECK_MESSAGE(HasValue(r.hits[i].entry.themes, "community-policing"), r.hits[i].entry.id);
  }
}

TEST_CASE("a country filter returns exactly that country's entries") {
  for (const char* country : {"KG", "SE", "GB", "DE"}) {
    SearchResult r = Content().Search("", {{"country", {country}}});
    std::vector<std::string> expected, got;
    for (const Entry& e : Content().entries) {
      if (HasValue(e.countries, country)) expected.push_back(e.id);
    }
    for (const SearchHit& h : r.hits) got.push_back(h.entry.id);
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    CHECK_MESSAGE(got == expected, country);
    CHECK(r.total == expected.size());
  }
}

TEST_CASE("the practices that did not work are easy to find") {
  SearchResult r = Content().Search("", {{"evidence", {"no-effect", "harmful"}}});
  CHECK(r.total >= 3);
  SearchResult dare = Content().Search("D.A.R.E.", {}, 3);
  REQUIRE_FALSE(dare.hits.empty());
  CHECK(dare.hits[0].entry.id == "dare-original-core-curriculum");
}

}  // namespace
}  // namespace praxis
