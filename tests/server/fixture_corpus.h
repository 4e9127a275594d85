// A synthetic fixture corpus for the server tests: entries whose facets vary in a known,
// deterministic way, so expected counts can be computed with plain loops over this list,
// independently of the bitmaps and Xapian.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "entry_validator.h"
#include "facet_index.h"

namespace praxis::test {

struct FixtureEntry {
  std::string id;
  std::string title;
  std::string language;
  std::vector<std::string> countries;
  std::vector<std::string> themes;
  std::vector<std::string> actors;
  std::string evidence;
  int start_year = 2000;
  std::string updated;
  bool youth_participation = false;
  bool mentions_cannabis = false;
  std::string body;
};

std::vector<FixtureEntry> MakeFixtureEntries(int count);
std::string RenderEntry(const FixtureEntry& e);
// Writes the entries as <dir>/<id>.md.
void WriteFixture(const std::string& dir, const std::vector<FixtureEntry>& entries);

// An index made by praxis-index's Indexer, opened for reading, with its facet index.
struct TestIndex {
  std::unique_ptr<Xapian::Database> db;
  std::shared_ptr<const FacetIndex> facets;
};

// Indexes `content_dir` into `index_path` (with the project's thesaurus when `with_synonyms`);
// fails the running test case if indexing fails.
TestIndex IndexContent(const EntryValidator& validator, const std::string& content_dir,
                       const std::string& index_path, bool with_synonyms);

}  // namespace praxis::test
