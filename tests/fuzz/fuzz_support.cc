#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>

#include "index_builder.h"
#include "synonyms.h"
#include "test_support.h"

namespace praxis::fuzz {

const EntryValidator& Validator() {
  static const EntryValidator* validator = new EntryValidator(test::ProjectVocabulary(), 2026);
  return *validator;
}

namespace {

void BuildContentIndex(SearchIndex* index) {
  std::vector<SynonymSet> synonyms;
  std::string error;
  if (!LoadSynonyms(test::SchemasDir() + "/synonyms.yaml", &synonyms, &error)) Fail(error);
  Indexer indexer(Validator(), synonyms, "fuzz");
  IndexOptions options;
  options.content_dir = std::string(PRAXIS_SOURCE_DIR) + "/content";
  options.index_path = index->dir.path() + "/index";
  options.threads = 1;
  IndexResult result;
  if (!indexer.Run(options, &result)) Fail("indexing content/ failed: " + result.error);
  index->db = std::make_unique<Xapian::Database>(options.index_path);
  index->facets = FacetIndex::Build(*index->db);
}

}  // namespace

SearchIndex& ContentIndex() {
  static SearchIndex index;  // destroyed at exit, which removes its folder
  static const bool built = (BuildContentIndex(&index), true);
  (void)built;
  return index;
}

unsigned char TakeByte(std::string_view* data) {
  if (data->empty()) return 0;
  const unsigned char byte = static_cast<unsigned char>(data->front());
  data->remove_prefix(1);
  return byte;
}

void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  std::abort();
}

}  // namespace praxis::fuzz
