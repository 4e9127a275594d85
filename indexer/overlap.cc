#include "overlap.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "index_layout.h"
#include "languages.h"
#include "markdown.h"
#include "stored_entry.h"

namespace praxis {

namespace L = layout;

namespace {

// How many of the entry's words make the "more like this" query, and how many documents it
// returns to be scored. Near-duplicates share most distinctive words, so they rank high; in the
// measured test (docs/overlap-detection.md) every planted duplicate is among the candidates.
constexpr size_t kQueryTerms = 30;
constexpr Xapian::doccount kCandidates = 12;

// Title words count twice: a reworded entry keeps its programme's name.
constexpr Xapian::termcount kTitleWdf = 2;

// Marks a database made by MemoryCorpus(), whose term lists hold only the compared words.
constexpr const char* kLeanCorpusKey = "praxis:overlap-corpus";

std::vector<std::string> Intersection(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b,
               size_t shared) {
  const size_t all = a.size() + b.size() - shared;
  return all == 0 ? 0 : static_cast<double>(shared) / static_cast<double>(all);
}

// The words of the entry's title, summary and body as the index spells them: Z-prefixed stems
// for languages Xapian can stem, plain words otherwise; without positions.
void IndexComparedText(const Entry& entry, Xapian::TermGenerator* generator, Xapian::Document* out) {
  Xapian::Document doc;
  const bool stemmed = HasStemmer(entry.language);
  // Only the form the comparison uses: stems for languages with a stemmer, words otherwise.
  generator->set_stemming_strategy(stemmed ? Xapian::TermGenerator::STEM_ALL_Z
                                           : Xapian::TermGenerator::STEM_NONE);
  generator->set_stemmer(StemmerFor(entry.language));
  generator->set_document(doc);
  generator->index_text_without_positions(entry.title, kTitleWdf);
  if (!entry.title_local.empty()) generator->index_text_without_positions(entry.title_local);
  generator->index_text_without_positions(entry.summary);
  generator->index_text_without_positions(MarkdownToPlainText(entry.body));
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.empty() || (stemmed != (term[0] == 'Z'))) continue;
    if (!stemmed && std::isupper(static_cast<unsigned char>(term[0]))) continue;
    out->add_term(term, t.get_wdf());
  }
}

}  // namespace

// Sorted (term, weight) pairs and the vector's Euclidean norm.
struct OverlapDetector::TermVector {
  std::vector<std::pair<std::string, double>> weights;
  double norm = 0;
  Entry entry;  // kept for cached corpus documents
};

OverlapDetector::OverlapDetector(Xapian::Database corpus)
    : db_(std::move(corpus)), generator_(std::make_unique<Xapian::TermGenerator>()) {
  doccount_ = db_.get_doccount();
  absent_idf_ = std::log((doccount_ + 1.0) / 0.5);
  lean_ = db_.get_metadata(kLeanCorpusKey) == "1";
}

OverlapDetector::~OverlapDetector() = default;

double OverlapDetector::Idf(const std::string& term) {
  auto it = idf_.find(term);
  if (it != idf_.end()) return it->second;
  const double df = db_.get_termfreq(term);
  const double idf = df == 0 ? absent_idf_ : std::log((doccount_ + 1.0) / (df + 0.5));
  idf_.emplace(term, idf);
  return idf;
}

OverlapDetector::TermVector OverlapDetector::Vectorize(const Entry& entry) {
  Xapian::Document doc;
  IndexComparedText(entry, generator_.get(), &doc);
  return Weigh(doc.termlist_begin(), doc.termlist_end());
}

OverlapDetector::TermVector OverlapDetector::Weigh(Xapian::TermIterator begin,
                                                   Xapian::TermIterator end) {
  TermVector v;
  for (auto t = begin; t != end; ++t) {
    const std::string term = *t;
    if (term.empty() || term[0] == L::kPrefixId[0]) continue;  // the id term of a corpus document
    const double weight = (1.0 + std::log(static_cast<double>(t.get_wdf()))) * Idf(term);
    if (weight <= 0) continue;
    v.weights.emplace_back(term, weight);
    v.norm += weight * weight;
  }
  v.norm = std::sqrt(v.norm);
  return v;  // term lists are sorted, so the weights are too
}

const OverlapDetector::TermVector& OverlapDetector::CorpusVector(Xapian::docid docid,
                                                                const Xapian::Document& doc) {
  auto& slot = cache_[docid];
  if (!slot) {
    Entry entry = StoredEntry(doc, WithBody::kYes);
    // A corpus from MemoryCorpus() holds exactly the compared words: no need to read the text
    // again. The search index holds more (labels, organisation, prefixed terms): vectorize.
    slot = std::make_unique<TermVector>(lean_ ? Weigh(db_.termlist_begin(docid), db_.termlist_end(docid))
                                              : Vectorize(entry));
    slot->entry = std::move(entry);
  }
  return *slot;
}

OverlapMatch OverlapDetector::Score(const Entry& entry, const TermVector& a, const Entry& other,
                                    const TermVector& b) {
  double dot = 0;
  for (size_t i = 0, j = 0; i < a.weights.size() && j < b.weights.size();) {
    const int c = a.weights[i].first.compare(b.weights[j].first);
    if (c == 0) {
      dot += a.weights[i++].second * b.weights[j++].second;
    } else if (c < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  OverlapMatch m;
  m.id = other.id;
  m.title = other.title;
  m.path = other.path;
  m.text_score = (a.norm > 0 && b.norm > 0) ? std::min(1.0, dot / (a.norm * b.norm)) : 0;
  m.shared_countries = Intersection(entry.countries, other.countries);
  m.shared_themes = Intersection(entry.themes, other.themes);
  m.metadata_score =
      (Jaccard(entry.countries, other.countries, m.shared_countries.size()) +
       Jaccard(entry.themes, other.themes, m.shared_themes.size())) / 2;
  m.score = OverlapScore(m.text_score, m.metadata_score);
  return m;
}

OverlapMatch OverlapDetector::Compare(const Entry& entry, const Entry& other) {
  const TermVector a = Vectorize(entry);
  const TermVector b = Vectorize(other);
  return Score(entry, a, other, b);
}

std::vector<OverlapMatch> OverlapDetector::Find(const Entry& entry, double min_score,
                                                size_t limit) {
  if (doccount_ == 0 || limit == 0) return {};
  return FindWith(entry, Vectorize(entry), min_score, limit);
}

std::vector<OverlapMatch> OverlapDetector::FindFor(Xapian::docid docid, double min_score,
                                                   size_t limit) {
  const TermVector& v = CorpusVector(docid, db_.get_document(docid));
  return FindWith(v.entry, v, min_score, limit);
}

std::vector<OverlapMatch> OverlapDetector::FindWith(const Entry& entry, const TermVector& v,
                                                    double min_score, size_t limit) {
  std::vector<OverlapMatch> out;
  // "More like this": the entry's heaviest words that occur in the corpus at all.
  std::vector<std::pair<double, const std::string*>> ranked;
  for (const auto& [term, weight] : v.weights) {
    if (Idf(term) < absent_idf_) ranked.emplace_back(weight, &term);
  }
  const size_t n = std::min(kQueryTerms, ranked.size());
  if (n == 0) return out;
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end(),
                    [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::string> terms;
  for (size_t i = 0; i < n; ++i) terms.push_back(*ranked[i].second);

  Xapian::Enquire enquire(db_);
  Xapian::Query similar(Xapian::Query::OP_OR, terms.begin(), terms.end());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, similar,
                                  Xapian::Query(L::kPrefixId + entry.id)));
  Xapian::MSet mset = enquire.get_mset(0, kCandidates);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const TermVector& other = CorpusVector(*it, it.get_document());
    if (other.entry.id == entry.id) continue;
    OverlapMatch m = Score(entry, v, other.entry, other);
    if (m.score >= min_score) out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const OverlapMatch& a, const OverlapMatch& b) { return a.score > b.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Xapian::Database MemoryCorpus(const std::vector<Entry>& entries, const Vocabulary*) {
  // Only what the detector reads: the words it compares (no positions, no other fields), the
  // id term, and the entry as document data. Much faster to build than a full index.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  for (const Entry& e : entries) {
    Xapian::Document doc;
    IndexComparedText(e, &generator, &doc);
    doc.add_boolean_term(L::kPrefixId + e.id);
    StoreEntry(e, "", nullptr, &doc);
    db.add_document(doc);
  }
  db.set_metadata(kLeanCorpusKey, "1");
  db.commit();
  return db;
}

Diagnostic OverlapWarning(const Entry& entry, const OverlapMatch& match) {
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", match.score);
  const std::string other = match.path.empty() ? match.id : match.path;
  return {entry.path, 1, 1, Severity::kWarning,
          "possible overlap with " + other + " (score " + score + ")", ""};
}

nlohmann::json OverlapMatchJson(const OverlapMatch& m) {
  auto round2 = [](double x) { return std::round(x * 100) / 100; };
  return {{"id", m.id},
          {"title", m.title},
          {"url", "/practices/" + m.id},
          {"score", round2(m.score)},
          {"text_score", round2(m.text_score)},
          {"shared_countries", m.shared_countries},
          {"shared_themes", m.shared_themes}};
}

OverlapReport FindOverlaps(const std::vector<Entry>& entries, const Vocabulary* vocabulary,
                           double threshold) {
  OverlapReport report;
  OverlapDetector detector(MemoryCorpus(entries, vocabulary));
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < entries.size(); ++i) index.emplace(entries[i].id, i);

  std::map<std::pair<std::string, std::string>, OverlapPair> pairs;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    // MemoryCorpus() adds the entries in order: entry i is document i + 1.
    for (const OverlapMatch& m : detector.FindFor(static_cast<Xapian::docid>(i + 1), threshold, kCandidates)) {
      auto key = std::minmax(e.id, m.id);
      pairs.emplace(std::make_pair(key.first, key.second),
                    OverlapPair{key.first, key.second, m.score, m.text_score});
    }
  }
  for (auto& [key, pair] : pairs) report.pairs.push_back(pair);
  std::stable_sort(report.pairs.begin(), report.pairs.end(),
                   [](const OverlapPair& a, const OverlapPair& b) { return a.score > b.score; });

  // Connected components by union-find over entry positions.
  std::vector<size_t> parent(entries.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const OverlapPair& p : report.pairs) {
    auto a = index.find(p.a), b = index.find(p.b);
    if (a == index.end() || b == index.end()) continue;
    parent[find(a->second)] = find(b->second);
  }
  std::map<size_t, OverlapCluster> clusters;
  for (const OverlapPair& p : report.pairs) {
    auto a = index.find(p.a);
    if (a == index.end()) continue;
    clusters[find(a->second)].pairs.push_back(p);
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    auto it = clusters.find(find(i));
    if (it != clusters.end()) it->second.entries.push_back(&entries[i]);
  }
  for (auto& [root, cluster] : clusters) {
    std::sort(cluster.entries.begin(), cluster.entries.end(),
              [](const Entry* a, const Entry* b) { return a->id < b->id; });
    report.clusters.push_back(std::move(cluster));
  }
  std::stable_sort(report.clusters.begin(), report.clusters.end(),
                   [](const OverlapCluster& a, const OverlapCluster& b) {
                     if (a.entries.size() != b.entries.size()) return a.entries.size() > b.entries.size();
                     return a.pairs.front().score > b.pairs.front().score;
                   });
  return report;
}

}  // namespace praxis
