// Stemming per entry language.
//
// Xapian 1.4 has stemmers for some languages only (no Polish, Czech, Greek, ...). Entries in a
// language without one are indexed unstemmed; HasStemmer tells the validator to note it.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace praxis {

bool HasStemmer(std::string_view language_code);

// The stemmer for an ISO 639-1 code; an empty Stem (no stemming) when Xapian has none.
// Xapian::Stem objects must not be shared between threads: call this per thread.
Xapian::Stem StemmerFor(std::string_view language_code);

}  // namespace praxis
