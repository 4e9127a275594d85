// Single practices: lookup by id, and "more like this" through Xapian relevance feedback.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "entry.h"

namespace praxis {

struct SimilarPractice {
  Entry entry;  // the list fields only (StoredListEntry in stored_entry.h)
  double score = 0;  // 0..1, relative to the best match
};

// The entry with this id, or nullopt. Sets *docid when found.
std::optional<Entry> FindPractice(Xapian::Database& db, const std::string& id,
                                  Xapian::docid* docid = nullptr);

// The `count` entries most similar to document `docid` (entry `id`): its most distinctive
// words (an expand set over the document itself) searched as an elite set, the entry excluded.
std::vector<SimilarPractice> MoreLikeThis(Xapian::Database& db, Xapian::docid docid,
                                          const std::string& id, size_t count);

}  // namespace praxis
