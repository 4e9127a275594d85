// Overlap detection: which existing entries describe (nearly) the same practice as an entry.
//
// Candidates come from Xapian "more like this": the entry's most distinctive words, searched
// in the corpus. Each candidate then gets an absolute score in 0..1, the same whichever of the
// two entries is asked about:
//
//   text      cosine similarity of the two entries' title, summary and body, as tf-idf vectors
//             of stemmed words (title words count twice; idf from the corpus)
//   metadata  the mean of the Jaccard overlaps of their countries and of their themes
//   score     text * (kOverlapMetadataBase + (1 - kOverlapMetadataBase) * metadata)
//
// Metadata can only lower a score: two similar texts about different countries and themes are
// more likely one approach used in two places than one practice entered twice. A score at or
// above kOverlapThreshold is reported as a possible overlap. Both constants were chosen by a
// measured test with planted near-duplicates; see docs/overlap-detection.md.
//
// An OverlapDetector reads one Xapian database handle and caches per-document data: use one
// per thread, and a new one when the corpus changes.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "diagnostic.h"
#include "entry.h"
#include "vocabulary.h"

namespace praxis {

inline constexpr double kOverlapThreshold = 0.48;
inline constexpr double kOverlapMetadataBase = 0.8;

// The combined score of a text similarity and a metadata overlap, both 0..1.
inline double OverlapScore(double text, double metadata) {
  return text * (kOverlapMetadataBase + (1 - kOverlapMetadataBase) * metadata);
}

struct OverlapMatch {
  std::string id;
  std::string title;
  std::string path;  // the entry's file as indexed, e.g. "content/x.md"
  double score = 0;
  double text_score = 0;
  double metadata_score = 0;
  std::vector<std::string> shared_countries;
  std::vector<std::string> shared_themes;
};

class OverlapDetector {
 public:
  // `corpus` holds the entries to compare against: the search index, or MemoryCorpus().
  explicit OverlapDetector(Xapian::Database corpus);
  ~OverlapDetector();

  // The corpus entries scoring at least `min_score` against `entry`, best first, at most
  // `limit`. A corpus entry with the same id as `entry` is never reported.
  std::vector<OverlapMatch> Find(const Entry& entry, double min_score = kOverlapThreshold,
                                 size_t limit = 5);

  // Find() for the corpus's own document `docid` (faster: its words are not read again).
  std::vector<OverlapMatch> FindFor(Xapian::docid docid, double min_score = kOverlapThreshold,
                                    size_t limit = 5);

  // The score of two entries, as Find() computes it (for tests and reports).
  OverlapMatch Compare(const Entry& entry, const Entry& other);

  // How many corpus documents have their words cached.
  size_t cached_documents() const { return cache_.size(); }

 private:
  struct TermVector;
  TermVector Vectorize(const Entry& entry);
  TermVector Weigh(Xapian::TermIterator begin, Xapian::TermIterator end);
  const TermVector& CorpusVector(Xapian::docid docid, const Xapian::Document& doc);
  std::vector<OverlapMatch> FindWith(const Entry& entry, const TermVector& v, double min_score,
                                     size_t limit);
  double Idf(const std::string& term);
  OverlapMatch Score(const Entry& entry, const TermVector& a, const Entry& other,
                     const TermVector& b);

  Xapian::Database db_;
  Xapian::doccount doccount_ = 0;
  double absent_idf_ = 0;  // the idf of a term no corpus document has
  bool lean_ = false;      // the corpus was made by MemoryCorpus()
  std::unordered_map<std::string, double> idf_;
  std::unordered_map<Xapian::docid, std::unique_ptr<TermVector>> cache_;
  std::unique_ptr<Xapian::TermGenerator> generator_;
};

// An in-memory index of `entries`, built as praxis-index builds the real one, for checking
// entries that are not indexed (praxis-index --check, new, overlaps).
Xapian::Database MemoryCorpus(const std::vector<Entry>& entries, const Vocabulary* vocabulary);

// "possible overlap with content/x.md (score 0.81)" as a warning on `entry`'s file.
Diagnostic OverlapWarning(const Entry& entry, const OverlapMatch& match);

nlohmann::json OverlapMatchJson(const OverlapMatch& match);

// Groups of entries linked by overlaps at or above `threshold` (connected components), for
// editors reviewing the whole knowledge base.
struct OverlapPair {
  std::string a, b;  // ids, a < b
  double score = 0;
  double text_score = 0;
};
struct OverlapCluster {
  std::vector<const Entry*> entries;  // sorted by id; point into the caller's vector
  std::vector<OverlapPair> pairs;     // best first
};
struct OverlapReport {
  std::vector<OverlapPair> pairs;       // every pair at or above the threshold, best first
  std::vector<OverlapCluster> clusters;  // largest first
};
OverlapReport FindOverlaps(const std::vector<Entry>& entries, const Vocabulary* vocabulary,
                           double threshold = kOverlapThreshold);

}  // namespace praxis
