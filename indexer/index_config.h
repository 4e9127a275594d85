// What building an index needs besides the entries: the vocabulary, the thesaurus and their
// fingerprint (a changed fingerprint makes the next run rebuild fully). praxis-index and the
// server's review pages, which reindex after an approval, load it the same way.
#pragma once

#include <string>
#include <vector>

#include "synonyms.h"
#include "vocabulary.h"

namespace praxis {

struct IndexConfig {
  Vocabulary vocabulary;
  std::vector<SynonymSet> synonyms;
  std::string fingerprint;
};

// Reads `schemas_dir`/vocabulary.yaml and synonyms.yaml. False with a message naming the file.
bool LoadIndexConfig(const std::string& schemas_dir, IndexConfig* config, std::string* error);

}  // namespace praxis
