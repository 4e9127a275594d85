// Turns an Entry into a Xapian document following index_layout.h.
//
// Text is indexed with positions (phrase search) and stemmed in the entry's own language.
// Stemmed terms of all languages share Xapian's one Z namespace; the server picks the query's
// stemmer from the index (see server/query_language.h), so a Russian query is stemmed as
// Russian and meets the Russian entries' stems.
//
// A DocumentBuilder holds a TermGenerator and stemmers: use one per thread.
#pragma once

#include <map>
#include <string>

#include <xapian.h>

#include "entry.h"
#include "vocabulary.h"

namespace praxis {

class DocumentBuilder {
 public:
  // With a database, unprefixed words also feed its spelling table (for "did you mean").
  // With a vocabulary, the labels of the entry's themes and countries are indexed as text too,
  // so a search for "community policing" or "Kyrgyzstan" finds entries classified so.
  explicit DocumentBuilder(Xapian::WritableDatabase* spelling_database = nullptr,
                           const Vocabulary* vocabulary = nullptr);

  Xapian::Document Build(const Entry& entry, const std::string& file_state);

 private:
  const Xapian::Stem& StemmerFor(const std::string& language);

  Xapian::TermGenerator generator_;
  const Vocabulary* vocabulary_;
  std::map<std::string, Xapian::Stem> stemmers_;
};

}  // namespace praxis
