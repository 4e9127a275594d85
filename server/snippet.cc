#include "snippet.h"

#include <algorithm>

namespace praxis {

namespace {

constexpr size_t kSnippetBytes = 260;
// The window given to Xapian: a little more than a snippet, so it can choose where to cut.
constexpr size_t kWindowBytes = 340;
// Text kept before the first match found, so the passage starts with some context.
constexpr size_t kLeadBytes = 50;
// A needle's occurrences looked at; the best window is almost always among the first.
constexpr size_t kMaxOccurrences = 24;

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// The stem without its last code point when it has four or more: stems of different words may
// differ only there ("communiti" / "community", "полици" / "полиция").
std::string Needle(std::string_view stem) {
  size_t code_points = 0;
  size_t last_start = 0;
  for (size_t i = 0; i < stem.size(); ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(stem[i]))) {
      ++code_points;
      last_start = i;
    }
  }
  return std::string(code_points >= 4 ? stem.substr(0, last_start) : stem);
}

// Moves `pos` forward to the start of the next word, if it is inside one or on a space.
size_t WordStartAtOrAfter(std::string_view text, size_t pos) {
  if (pos == 0 || pos >= text.size()) return std::min(pos, text.size());
  while (pos < text.size() && IsWordByte(static_cast<unsigned char>(text[pos])) &&
         IsWordByte(static_cast<unsigned char>(text[pos - 1]))) {
    ++pos;
  }
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos;
}

// Moves `pos` back to the end of the previous word, if it is inside one.
size_t WordEndAtOrBefore(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size();
  size_t p = pos;
  while (p > 0 && IsWordByte(static_cast<unsigned char>(text[p]))) --p;
  return p == 0 ? pos : p;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      ++i;
      continue;
    }
    Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
    const char* start = text.data() + i;
    const unsigned code_point = *it;
    ++it;
    const size_t length = static_cast<size_t>(it.raw() - start);
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(code_point));
    i += length ? length : 1;
  }
  return out;
}

SnippetMaker::SnippetMaker(const Xapian::MSet& mset, const Xapian::Query& query,
                           Xapian::Stem stemmer)
    : mset_(mset), stemmer_(std::move(stemmer)) {
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string unique_term = *t;  // operator* returns a temporary: keep it alive
    std::string_view term = unique_term;
    // Drop the prefix (Z for stems, S for title words, ...): prefixes are upper-case ASCII.
    while (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') term.remove_prefix(1);
    if (term.empty()) continue;
    std::string needle = Needle(FoldCase(term));
    if (!needle.empty() && std::find(needles_.begin(), needles_.end(), needle) == needles_.end()) {
      needles_.push_back(std::move(needle));
    }
  }
}

std::pair<size_t, size_t> SnippetMaker::Window(std::string_view text) const {
  if (text.size() <= kWindowBytes) return {0, text.size()};
  const std::string folded = FoldCase(text);
  std::vector<std::pair<size_t, size_t>> hits;  // (position, needle index)
  if (folded.size() == text.size()) {
    for (size_t n = 0; n < needles_.size(); ++n) {
      size_t found = 0;
      for (size_t pos = folded.find(needles_[n]); pos != std::string::npos && found < kMaxOccurrences;
           pos = folded.find(needles_[n], pos + 1)) {
        if (pos > 0 && IsWordByte(static_cast<unsigned char>(folded[pos - 1]))) continue;
        hits.emplace_back(pos, n);
        ++found;
      }
    }
  }
  size_t best_start = 0;
  if (!hits.empty()) {
    // The window holding the most different needles; the earliest such one.
    std::sort(hits.begin(), hits.end());
    size_t best_count = 0;
    for (size_t i = 0; i < hits.size(); ++i) {
      std::vector<bool> seen(needles_.size(), false);
      size_t count = 0;
      for (size_t j = i; j < hits.size() && hits[j].first < hits[i].first + kWindowBytes - kLeadBytes; ++j) {
        if (!seen[hits[j].second]) {
          seen[hits[j].second] = true;
          ++count;
        }
      }
      if (count > best_count) {
        best_count = count;
        best_start = hits[i].first;
      }
    }
    best_start = best_start > kLeadBytes ? WordStartAtOrAfter(text, best_start - kLeadBytes) : 0;
  }
  best_start = std::min(best_start, text.size() > kWindowBytes ? text.size() - kWindowBytes : 0);
  best_start = WordStartAtOrAfter(text, best_start);
  while (best_start < text.size() && IsContinuationByte(static_cast<unsigned char>(text[best_start]))) ++best_start;
  size_t end = std::min(text.size(), best_start + kWindowBytes);
  end = WordEndAtOrBefore(text, end);
  while (end < text.size() && IsContinuationByte(static_cast<unsigned char>(text[end]))) ++end;
  return {best_start, end};
}

std::string SnippetMaker::Make(std::string_view text) const {
  const auto [begin, end] = Window(text);
  std::string snippet = mset_.snippet(std::string(text.substr(begin, end - begin)), kSnippetBytes,
                                      stemmer_,
                                      Xapian::MSet::SNIPPET_EXHAUSTIVE |
                                          Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH,
                                      "<mark>", "</mark>",
                                      "…");
  if (snippet.empty()) return snippet;
  // Xapian marks omissions inside the window; the window's own edges are ours to mark.
  static const std::string kEllipsis = "…";
  if (begin > 0 && snippet.compare(0, kEllipsis.size(), kEllipsis) != 0) snippet = kEllipsis + snippet;
  if (end < text.size() && (snippet.size() < kEllipsis.size() ||
                            snippet.compare(snippet.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) != 0)) {
    snippet += kEllipsis;
  }
  return snippet;
}

}  // namespace praxis
