// The domain thesaurus (schemas/synonyms.yaml), loaded into the index's synonym table.
//
// The file maps a language code to entries `word: [synonym, ...]`. Each pair is added for the
// word as written and for its stem in that language, because Xapian's query parser looks
// synonyms up by the stemmed form of a query word.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace praxis {

struct SynonymSet {
  std::string language;
  std::string word;
  std::vector<std::string> synonyms;
};

bool LoadSynonyms(const std::string& path, std::vector<SynonymSet>* out, std::string* error);

// Replaces the database's synonym table with `sets`.
void ApplySynonyms(const std::vector<SynonymSet>& sets, Xapian::WritableDatabase* db);

}  // namespace praxis
