// Result snippets: the passage of an entry's text where the query's words occur, HTML-escaped,
// with those words in <mark>.
//
// Xapian's MSet::snippet tokenizes, stems and scores every word of the text it is given; over
// a few kilobytes per hit that cost more than the rest of a search. So a cheap case-folded scan
// for the query's stems first picks a window of the text, and Xapian marks the words in that
// window only. The stems are looked for as word beginnings, shortened by one letter because a
// stem may end differently from the word ("communiti" in "community"): the scan only chooses
// where to look, Xapian decides what matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace praxis {

class SnippetMaker {
 public:
  // `mset` must come from a search for `query` (MSet::snippet reads its terms from there).
  SnippetMaker(const Xapian::MSet& mset, const Xapian::Query& query, Xapian::Stem stemmer);

  // The snippet for `text`: its best passage; "" when none of the query's words is in it.
  std::string Make(std::string_view text) const;

  // The byte range [begin, end) of `text` the snippet is cut from (exposed for tests).
  std::pair<size_t, size_t> Window(std::string_view text) const;

 private:
  const Xapian::MSet& mset_;
  Xapian::Stem stemmer_;
  std::vector<std::string> needles_;  // lower-case word beginnings to look for
};

// `text` in lower case, code point by code point. When case folding changes the length of the
// UTF-8 (rare scripts), the result has another length and positions in it do not map back.
std::string FoldCase(std::string_view text);

}  // namespace praxis
