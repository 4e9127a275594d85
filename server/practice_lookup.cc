#include "practice_lookup.h"

#include <cctype>


#include "index_layout.h"
#include "stored_entry.h"

namespace praxis {

namespace L = layout;

namespace {

// Keeps plain words: no prefixed terms (facets, ids, stems), no numbers, nothing too short,
// nothing so common that it says nothing about the entry.
class PlainWordDecider : public Xapian::ExpandDecider {
 public:
  explicit PlainWordDecider(Xapian::doccount max_freq) : max_freq_(max_freq) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || std::isupper(static_cast<unsigned char>(term[0]))) return false;
    bool digits = true;
    for (char c : term) digits = digits && (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ',');
    if (digits) return false;
    return db_ == nullptr || db_->get_termfreq(term) <= max_freq_;
  }
  const Xapian::Database* db_ = nullptr;

 private:
  Xapian::doccount max_freq_;
};

}  // namespace

std::optional<Entry> FindPractice(Xapian::Database& db, const std::string& id,
                                  Xapian::docid* docid) {
  const std::string term = L::kPrefixId + id;
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return std::nullopt;
  if (docid) *docid = *p;
  return StoredEntry(db.get_document(*p), WithBody::kYes);
}

std::vector<SimilarPractice> MoreLikeThis(Xapian::Database& db, Xapian::docid docid,
                                          const std::string& id, size_t count) {
  std::vector<SimilarPractice> out;
  if (db.get_doccount() < 2) return out;
  Xapian::RSet rset;
  rset.add_document(docid);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(L::kPrefixId + id));
  PlainWordDecider decider(std::max<Xapian::doccount>(2, db.get_doccount() / 3));
  decider.db_ = &db;
  Xapian::ESet eset = enquire.get_eset(40, rset, &decider);
  if (eset.empty()) return out;
  std::vector<std::string> terms(eset.begin(), eset.end());
  Xapian::Query similar(Xapian::Query::OP_ELITE_SET, terms.begin(), terms.end(), 20);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, similar, Xapian::Query(L::kPrefixId + id)));
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count));
  const double best = mset.empty() ? 1 : mset.get_max_attained();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.push_back({StoredListEntry(it.get_document()),
                   best > 0 ? it.get_weight() / best : 0});
  }
  return out;
}

}  // namespace praxis
