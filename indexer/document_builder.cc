#include "document_builder.h"

#include <unordered_map>

#include "index_layout.h"
#include "languages.h"
#include "markdown.h"
#include "stored_entry.h"
#include "text_util.h"

namespace praxis {

namespace L = layout;

namespace {

// Xapian rejects terms over 245 bytes; free-form tags are cut at a character boundary.
std::string BoundedTerm(const std::string& prefix, std::string_view value) {
  return prefix + std::string(Utf8Prefix(value, 240 - prefix.size()));
}

// Remembers the stems of the words it has seen. Stemming is a large share of indexing time and
// prose repeats its words, so most calls become a lookup; the stems are the same.
class CachedStemmer : public Xapian::StemImplementation {
 public:
  explicit CachedStemmer(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {}

  std::string operator()(const std::string& word) override {
    if (cache_.size() >= kMaxWords) cache_.clear();
    auto [it, inserted] = cache_.try_emplace(word);
    if (inserted) it->second = stemmer_(word);
    return it->second;
  }
  std::string get_description() const override { return stemmer_.get_description(); }

 private:
  static constexpr size_t kMaxWords = 1 << 18;
  Xapian::Stem stemmer_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

DocumentBuilder::DocumentBuilder(Xapian::WritableDatabase* spelling_database,
                                 const Vocabulary* vocabulary)
    : vocabulary_(vocabulary) {
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  if (spelling_database) {
    generator_.set_database(*spelling_database);
    generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  }
}

const Xapian::Stem& DocumentBuilder::StemmerFor(const std::string& language) {
  auto it = stemmers_.find(language);
  if (it == stemmers_.end()) {
    Xapian::Stem stemmer = praxis::StemmerFor(language);
    // A language without a stemmer stays "none", so TermGenerator adds no stemmed terms.
    if (!stemmer.is_none()) stemmer = Xapian::Stem(new CachedStemmer(std::move(stemmer)));
    it = stemmers_.emplace(language, std::move(stemmer)).first;
  }
  return it->second;
}

Xapian::Document DocumentBuilder::Build(const Entry& e, const std::string& file_state) {
  Xapian::Document doc;
  generator_.set_document(doc);
  generator_.set_stemmer(StemmerFor(e.language));

  // Fields are separated by a gap in term positions so a phrase cannot span two fields.
  generator_.index_text(e.title, L::kTitleWeight);
  generator_.index_text(e.title, 1, L::kPrefixTitle);
  generator_.increase_termpos(100);
  if (!e.title_local.empty()) {
    generator_.index_text(e.title_local, L::kTitleWeight);
    generator_.index_text(e.title_local, 1, L::kPrefixTitle);
    generator_.increase_termpos(100);
  }
  generator_.index_text(e.summary, L::kSummaryWeight);
  generator_.increase_termpos(100);
  const std::string body_text = MarkdownToPlainText(e.body);
  generator_.index_text(body_text, L::kBodyWeight);
  generator_.increase_termpos(100);
  if (!e.organisation.empty()) {
    generator_.index_text(e.organisation);
    generator_.index_text(e.organisation, 1, L::kPrefixOrganisation);
    generator_.increase_termpos(100);
  }
  if (vocabulary_) {
    for (const std::string& theme : e.themes) {
      if (const VocabularyValue* v = vocabulary_->Find("themes", theme)) {
        generator_.index_text(v->label, L::kThemeLabelWeight);
        generator_.increase_termpos(10);
      }
    }
    for (const std::string& code : e.countries) {
      if (const Country* c = vocabulary_->FindCountry(code)) {
        generator_.index_text(c->name);
        generator_.increase_termpos(10);
      }
    }
  }
  for (const std::string& tag : e.tags) {
    generator_.index_text(tag);
    generator_.increase_termpos(10);
    doc.add_boolean_term(BoundedTerm(L::kPrefixTag, AsciiLower(tag)));
  }

  doc.add_boolean_term(L::kPrefixId + e.id);
  doc.add_boolean_term(L::kPrefixYear + std::to_string(e.start_year));
  for (const L::Facet& facet : L::kFacets) {
    for (const std::string& value : FacetValues(e, facet.field)) {
      if (!value.empty()) doc.add_boolean_term(L::FacetTerm(facet, value));
    }
  }

  doc.add_value(L::kSlotStartYear, Xapian::sortable_serialise(e.start_year));
  doc.add_value(L::kSlotUpdated, e.updated);
  doc.add_value(L::kSlotTitleSort, AsciiLower(e.title));
  doc.add_value(L::kSlotFileState, file_state);

  StoreEntry(e, body_text, vocabulary_, &doc);
  return doc;
}

}  // namespace praxis
