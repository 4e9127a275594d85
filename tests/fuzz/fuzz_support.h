// What the fuzz targets share: the project's vocabulary and a small search index of content/,
// both built once per process (in LLVMFuzzerInitialize), never per input.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "entry_validator.h"
#include "facet_index.h"
#include "test_support.h"
#include "vocabulary.h"

namespace praxis::fuzz {

// The validator over the project's vocabulary, with a fixed current year so runs repeat.
const EntryValidator& Validator();

// content/ indexed by praxis-index's own Indexer into a temporary folder (removed at exit),
// with the project's thesaurus; and its facet bitmaps. Built on first use.
struct SearchIndex {
  test::TempDir dir;  // declared first: removed after the database is closed
  std::unique_ptr<Xapian::Database> db;
  std::shared_ptr<const FacetIndex> facets;
};
SearchIndex& ContentIndex();

// Reads one byte off the front of the input (0 when there is none), for targets that choose
// between several entry points.
unsigned char TakeByte(std::string_view* data);

// Aborts with `what` (libFuzzer then saves the input): a broken invariant, not a crash.
[[noreturn]] void Fail(const std::string& what);

}  // namespace praxis::fuzz
