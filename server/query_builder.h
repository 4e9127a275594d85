// Turns what a user typed into a Xapian query. All query-parser configuration lives here:
// field prefixes, facet prefixes, the year range, flags, synonyms, spelling and the choice of
// stemmer.
//
// Stemmed terms of all languages share Xapian's Z namespace, so one query can use only one
// stemmer. It is chosen deliberately: the language filter when exactly one language is selected;
// otherwise the language whose stemmer turns the query's words into the stems most frequent in
// this index. A Russian query is thus stemmed as Russian and meets the Russian entries, a
// German query the German ones, without the user naming a language. Unstemmed terms match in
// every language whatever the choice.
//
// Syntax errors never fail a search: the query is re-read as plain words.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "facet_index.h"

namespace praxis {

struct ParsedQuery {
  Xapian::Query query;      // what must match; empty when nothing searchable was typed
  // Extra weight for documents holding a plain query's words as a phrase ("community policing"
  // the practice, before texts that mention a community and the police); empty when it does not
  // apply. It orders the matches and never changes which documents match.
  Xapian::Query phrase_boost;
  Xapian::Stem stemmer;     // the stemmer used; pass it on to snippets
  std::string language;     // its language code, "" for none
  bool fallback = false;    // the query had a syntax error and was read as plain words
};

// The query that ranks: `query` with `phrase_boost` added (AND_MAYBE) when there is one.
Xapian::Query RankingQuery(const ParsedQuery& parsed);

// `language_filter` is the request's selected languages. `db` must be the database the query
// will run on (synonyms and spelling come from it).
ParsedQuery ParseUserQuery(const std::string& text, const Xapian::Database& db,
                           const FacetIndex& facets,
                           const std::vector<std::string>& language_filter);

// A spelling correction of the whole query ("" when none is better), from the index's spelling
// data. Separate from ParseUserQuery because it costs more than the rest of parsing and is only
// offered when a search finds (almost) nothing.
std::string SpellingCorrection(const std::string& text, const Xapian::Database& db,
                               const ParsedQuery& parsed);

// Words of the query as the stemmer sees them (lower case, no operators), for language choice.
std::vector<std::string> QueryWords(const std::string& text);

}  // namespace praxis
