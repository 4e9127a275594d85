#include "query_builder.h"

#include <set>

#include "index_layout.h"
#include "languages.h"
#include "text_util.h"

namespace praxis {

namespace L = layout;

namespace {

// Facet values in a query (`country:DE`, `theme:harm-reduction`) are matched lower-cased,
// as the indexer wrote them; Xapian's own boolean prefixes would keep the case.
class LowercaseTermProcessor : public Xapian::FieldProcessor {
 public:
  explicit LowercaseTermProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + Xapian::Unicode::tolower(std::string(Trim(value))));
  }

 private:
  std::string prefix_;
};

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_PURE_NOT |
                            Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

void Configure(Xapian::QueryParser* qp, const Xapian::Database& db, const Xapian::Stem& stemmer,
               bool with_ranges) {
  qp->set_database(db);
  qp->set_stemmer(stemmer);
  qp->set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // Every word must match, as users of search boxes expect; OR is there when asked for.
  qp->set_default_op(Xapian::Query::OP_AND);
  qp->set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  qp->add_prefix("title", L::kPrefixTitle);
  qp->add_prefix("organisation", L::kPrefixOrganisation);
  qp->add_boolean_prefix("tag", (new LowercaseTermProcessor(L::kPrefixTag))->release());
  qp->add_boolean_prefix("id", L::kPrefixId);
  for (const L::Facet& facet : L::kFacets) {
    qp->add_boolean_prefix(facet.param, (new LowercaseTermProcessor(facet.prefix))->release());
  }
  if (with_ranges) {
    qp->add_rangeprocessor(
        (new Xapian::NumberRangeProcessor(L::kSlotStartYear, "year:"))->release());
  }
}

Xapian::Query PlainWordsQuery(const std::string& text, const Xapian::Stem& stemmer) {
  std::vector<Xapian::Query> terms;
  for (const std::string& w : QueryWords(text)) {
    const std::string stem = stemmer.is_none() ? std::string() : stemmer(w);
    if (stem.empty()) {
      terms.emplace_back(w);
    } else {
      terms.emplace_back(Xapian::Query::OP_OR, Xapian::Query(w), Xapian::Query(L::kPrefixStem + stem));
    }
  }
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

// Xapian's stemmers for scripts other than Latin: a query in one of these scripts can only be
// in that language (among the languages Xapian can stem).
const std::set<std::string> kNonLatinStemmers = {"ru", "hy", "ar", "ta", "ne"};

std::string LanguageOfScript(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    for (Xapian::Utf8Iterator it(w); it != Xapian::Utf8Iterator(); ++it) {
      const unsigned ch = *it;
      if (ch >= 0x0400 && ch <= 0x04FF) return "ru";  // Cyrillic
      if (ch >= 0x0530 && ch <= 0x058F) return "hy";  // Armenian
      if (ch >= 0x0600 && ch <= 0x06FF) return "ar";  // Arabic
      if (ch >= 0x0B80 && ch <= 0x0BFF) return "ta";  // Tamil
      if (ch >= 0x0900 && ch <= 0x097F) return "ne";  // Devanagari
    }
  }
  return "";
}

std::string ChooseLanguage(const std::vector<std::string>& words, const Xapian::Database& db,
                           const FacetIndex& facets,
                           const std::vector<std::string>& language_filter) {
  if (language_filter.size() == 1 && HasStemmer(language_filter[0])) return language_filter[0];
  if (std::string by_script = LanguageOfScript(words); !by_script.empty()) return by_script;
  std::string best;
  Xapian::doccount best_score = 0;
  for (const std::string& language : facets.languages()) {
    Xapian::Stem stemmer = StemmerFor(language);
    if (stemmer.is_none() || kNonLatinStemmers.count(language)) continue;
    if (best.empty()) best = language;  // the most common language wins ties
    Xapian::doccount score = 0;
    for (const std::string& w : words) score += db.get_termfreq(L::kPrefixStem + stemmer(w));
    if (score > best_score) {
      best_score = score;
      best = language;
    }
  }
  return best.empty() ? "en" : best;
}

// The phrase of a plain query of two to six words (no operators, quotes or fields), or an
// empty query.
Xapian::Query PhraseBoost(const std::string& text) {
  for (char c : text) {
    if (c == '"' || c == ':' || c == '(' || c == '*' || c == '-' || c == '+') return {};
  }
  std::vector<std::string> words = QueryWords(text);
  if (words.size() < 2 || words.size() > 6 || words.size() != QueryWords(AsciiLower(text)).size()) {
    return {};
  }
  for (const std::string& w : std::vector<std::string>{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
    if (text.find(w) != std::string::npos) return {};
  }
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
}

}  // namespace

std::vector<std::string> QueryWords(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(Xapian::Unicode::tolower(current));
    current.clear();
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(current, ch);
    } else if (ch == ':') {
      current.clear();  // a field prefix such as "title:" is not a word
    } else {
      flush();
    }
  }
  flush();
  static const std::vector<std::string> kOperators = {"and", "or", "not", "xor", "near", "adj"};
  std::vector<std::string> out;
  for (auto& w : words) {
    bool op = false;
    for (const auto& o : kOperators) op = op || w == o;
    if (!op) out.push_back(std::move(w));
  }
  return out;
}

ParsedQuery ParseUserQuery(const std::string& text, const Xapian::Database& db,
                           const FacetIndex& facets,
                           const std::vector<std::string>& language_filter) {
  ParsedQuery parsed;
  if (Trim(text).empty()) return parsed;
  parsed.language = ChooseLanguage(QueryWords(text), db, facets, language_filter);
  parsed.stemmer = StemmerFor(parsed.language);

  Xapian::QueryParser qp;
  Configure(&qp, db, parsed.stemmer, true);
  try {
    Xapian::Query stemmed = qp.parse_query(text, kFlags);
    // The words as typed match too: an entry stems its words in its own language, so an
    // English word inside a Russian entry is indexed unstemmed by English rules.
    Xapian::QueryParser exact;
    Configure(&exact, db, Xapian::Stem(), true);
    exact.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    Xapian::Query unstemmed = exact.parse_query(text, kFlags);
    if (unstemmed.get_description() != stemmed.get_description()) {
      stemmed = Xapian::Query(Xapian::Query::OP_OR, stemmed, unstemmed);
    }
    parsed.query = stemmed;
    parsed.phrase_boost = PhraseBoost(text);
    return parsed;
  } catch (const Xapian::QueryParserError&) {
    // Unbalanced operators and the like: fall back to the words themselves.
  }
  parsed.fallback = true;
  Xapian::QueryParser plain;
  Configure(&plain, db, parsed.stemmer, false);
  try {
    parsed.query = plain.parse_query(text, 0);
  } catch (const Xapian::QueryParserError&) {
    parsed.query = PlainWordsQuery(text, parsed.stemmer);
  }
  return parsed;
}

Xapian::Query RankingQuery(const ParsedQuery& parsed) {
  if (parsed.phrase_boost.empty()) return parsed.query;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed.query, parsed.phrase_boost);
}

std::string SpellingCorrection(const std::string& text, const Xapian::Database& db,
                               const ParsedQuery& parsed) {
  if (parsed.query.empty() || parsed.fallback) return "";
  Xapian::QueryParser qp;
  Configure(&qp, db, parsed.stemmer, true);
  try {
    qp.parse_query(text, kFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    return qp.get_corrected_query_string();
  } catch (const Xapian::QueryParserError&) {
    return "";
  }
}

}  // namespace praxis
