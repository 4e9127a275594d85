// Relevance ranking with the phrase boost over more matches than the re-ranking window: the
// pages must be exactly those of ranking every match with the boost (Xapian's own answer for
// the whole query), and entries holding the phrase come first.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fixture_corpus.h"
#include "index_layout.h"
#include "query_builder.h"
#include "searcher.h"
#include "stored_entry.h"
#include "test_support.h"

namespace praxis {
namespace {

constexpr int kEntries = 420;  // more matches than the window of 200

struct RankingFixture {
  test::TempDir dir;
  EntryValidator validator{test::ProjectVocabulary(), 2026};
  std::vector<test::FixtureEntry> entries = test::MakeFixtureEntries(kEntries);
  std::unique_ptr<Xapian::Database> db;
  std::shared_ptr<const FacetIndex> facets;

  RankingFixture() {
    for (size_t i = 0; i < entries.size(); ++i) {
      // Every entry holds both words, apart; one in seven holds them as the phrase in its body
      // (others through the label of the theme "Community policing"). Lengths vary so that the
      // weights differ.
      std::string body = "The community meets in the town hall every month. ";
      for (size_t k = 0; k < i % 13; ++k) body += "Neighbours bring questions and ideas. ";
      body += i % 7 == 3 ? "Community policing is how the officers work here.\n"
                         : "Officers from the policing unit answer them.\n";
      entries[i].body = body;
    }
    test::WriteFixture(dir.path() + "/content", entries);
    test::TestIndex index = test::IndexContent(validator, dir.path() + "/content",
                                               dir.path() + "/index", /*with_synonyms=*/false);
    db = std::move(index.db);
    facets = std::move(index.facets);
  }

  SearchResult Search(const std::string& q, int page, int per_page) {
    SearchRequest r;
    r.q = q;
    r.page = page;
    r.per_page = per_page;
    return Searcher(*db, *facets, test::ProjectVocabulary()).Search(r);
  }

  // Xapian's ranking of every match with the boost: the reference.
  bool HasPhrase(const std::string& id) const {
    for (const test::FixtureEntry& e : entries) {
      if (e.id != id) continue;
      return e.body.find("Community policing") != std::string::npos ||
             std::find(e.themes.begin(), e.themes.end(), "community-policing") != e.themes.end();
    }
    return false;
  }

  std::vector<std::string> Reference(const std::string& q, Xapian::doccount offset,
                                     Xapian::doccount count) {
    ParsedQuery parsed = ParseUserQuery(q, *db, *facets, {});
    Xapian::Enquire enquire(*db);
    enquire.set_query(RankingQuery(parsed));
    Xapian::MSet mset = enquire.get_mset(offset, count);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(StoredId(it.get_document()));
    return ids;
  }
};

std::vector<std::string> HitIds(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const SearchHit& h : r.hits) ids.push_back(h.entry.id);
  return ids;
}

TEST_CASE("the phrase boost over a large match set ranks as the whole query would") {
  RankingFixture f;
  const std::string q = "community policing";
  ParsedQuery parsed = ParseUserQuery(q, *f.db, *f.facets, {});
  REQUIRE_FALSE(parsed.phrase_boost.empty());

  SearchResult first = f.Search(q, 1, 20);
  CHECK(first.total == kEntries);
  CHECK(HitIds(first) == f.Reference(q, 0, 20));
  CHECK(first.parsed_query.find("PHRASE") != std::string::npos);
  // Entries with the phrase fill the first page.
  for (const SearchHit& h : first.hits) CHECK_MESSAGE(f.HasPhrase(h.entry.id), h.entry.id);
  // Later pages, inside and beyond the window, agree with the reference too.
  CHECK(HitIds(f.Search(q, 3, 50)) == f.Reference(q, 100, 50));
  CHECK(HitIds(f.Search(q, 5, 60)) == f.Reference(q, 240, 60));

  // A query without a phrase boost is unaffected.
  SearchResult plain = f.Search("community AND policing", 1, 20);
  CHECK(plain.total == kEntries);
  CHECK(HitIds(plain) == f.Reference("community AND policing", 0, 20));
}

}  // namespace
}  // namespace praxis
