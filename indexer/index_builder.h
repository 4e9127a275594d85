// Builds and updates the search index from the content folder.
//
// Run() validates first and writes only when every entry is valid, so a bad entry never
// reaches readers and never damages the existing index. It is incremental: files whose size
// and modification time (or, failing that, content hash) match what the index recorded are not
// read again; added, changed and removed files are applied in place. A full build (first run,
// --full, a changed vocabulary or thesaurus, or many changes at once) parses and indexes on
// all cores into separate shards, merges them with Xapian's compaction and swaps the result in
// through the stub file (index_store.h).
#pragma once

#include <string>
#include <vector>

#include "content_set.h"
#include "diagnostic.h"
#include "entry_validator.h"
#include "index_store.h"
#include "synonyms.h"
#include "vocabulary.h"

namespace praxis {

struct IndexOptions {
  std::string content_dir = "content";
  std::string index_path = "var/index";
  bool full = false;
  int threads = 0;  // 0: one per core
};

struct IndexResult {
  std::vector<Diagnostic> diagnostics;
  int files = 0;
  int added = 0;
  int changed = 0;
  int removed = 0;
  int unchanged = 0;
  bool full_rebuild = false;
  bool index_changed = false;
  bool entries_invalid = false;  // some entry has an error: nothing was written
  std::string error;             // a failure that is not about an entry (lock, disk, Xapian)
  std::string generation;        // the generation folder now live
  std::vector<std::string> updated_ids;  // ids added or changed (every id after a full build)
};

class Indexer {
 public:
  // `config_fingerprint` identifies the vocabulary and thesaurus; when it differs from the one
  // the index was built with, the next run rebuilds fully.
  Indexer(const EntryValidator& validator, std::vector<SynonymSet> synonyms,
          std::string config_fingerprint);

  // Returns true when the index is valid and up to date afterwards.
  bool Run(const IndexOptions& options, IndexResult* result) const;

 private:
  bool FullBuild(const IndexOptions& options, const std::vector<ContentFile>& files,
                 IndexStore* store, IndexResult* result) const;

  const EntryValidator& validator_;
  std::vector<SynonymSet> synonyms_;
  std::string config_fingerprint_;
};

}  // namespace praxis
