// The documents a query matches, as a bitmap, without ranking them.
//
// Facet counts and totals need every match, while a page needs only the best few. Asking
// Xapian's matcher for every match costs about half a microsecond per document; reading posting
// lists into bitmaps costs a few nanoseconds per posting. So the query tree is walked: terms
// come from their posting lists, boolean operators become bitmap operations, and only the nodes
// that need positions or values (phrases, NEAR, ranges, wildcards, elite sets) go through the
// matcher, each on its own.
#pragma once

#include <xapian.h>

#include "doc_bitmap.h"

namespace praxis {

// `all` is every document of `db` (the FacetIndex's), which also sets the bitmap size.
DocBitmap QueryMatchSet(const Xapian::Query& query, const Xapian::Database& db,
                        const DocBitmap& all);

}  // namespace praxis
