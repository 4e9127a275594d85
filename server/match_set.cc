#include "match_set.h"

#include <algorithm>

namespace praxis {

namespace {

DocBitmap TermSet(const std::string& term, const Xapian::Database& db, Xapian::docid size) {
  DocBitmap set(size);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) set.Set(*it);
  return set;
}

// The matcher's answer for one subquery, unranked.
DocBitmap MatcherSet(const Xapian::Query& query, const Xapian::Database& db, Xapian::docid size) {
  DocBitmap set(size);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(1, db.get_doccount()));
  for (auto it = mset.begin(); it != mset.end(); ++it) set.Set(*it);
  return set;
}

DocBitmap Evaluate(const Xapian::Query& q, const Xapian::Database& db, const DocBitmap& all) {
  const Xapian::docid size = all.size();
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return TermSet(*q.get_terms_begin(), db, size);
    case Xapian::Query::LEAF_MATCH_ALL:
      return all;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return DocBitmap(size);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      if (n == 0) break;
      DocBitmap set = Evaluate(q.get_subquery(0), db, all);
      for (size_t i = 1; i < n; ++i) set.And(Evaluate(q.get_subquery(i), db, all));
      return set;
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      DocBitmap set(size);
      for (size_t i = 0; i < n; ++i) set.Or(Evaluate(q.get_subquery(i), db, all));
      return set;
    }
    case Xapian::Query::OP_AND_NOT: {
      if (n == 0) break;
      DocBitmap set = Evaluate(q.get_subquery(0), db, all);
      for (size_t i = 1; i < n; ++i) set.AndNot(Evaluate(q.get_subquery(i), db, all));
      return set;
    }
    case Xapian::Query::OP_XOR: {
      DocBitmap set(size);
      for (size_t i = 0; i < n; ++i) set.Xor(Evaluate(q.get_subquery(i), db, all));
      return set;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      // The optional part only adds weight; the match set is the first subquery's.
      if (n == 0) break;
      return Evaluate(q.get_subquery(0), db, all);
    default:
      break;
  }
  return MatcherSet(q, db, size);
}

}  // namespace

DocBitmap QueryMatchSet(const Xapian::Query& query, const Xapian::Database& db,
                        const DocBitmap& all) {
  if (query.empty()) return DocBitmap(all.size());
  DocBitmap set = Evaluate(query, db, all);
  set.And(all);  // nothing outside the documents the snapshot knows
  return set;
}

}  // namespace praxis
