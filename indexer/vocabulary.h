// The controlled vocabulary, read at run time from schemas/vocabulary.yaml.
//
// Lists ("themes", "actors", "evidence", "languages", ...) hold values with an id, a label and
// an optional definition. Countries come grouped into regions; a region marked `partner: true`
// holds OSCE Partners for Co-operation, the others participating States. The region of an entry
// is always derived from its countries through this table.
//
// Labels, definitions and country names are English text, or maps of language code to text
// (`{en: Police, ru: Полиция, fr: Police}`) for the interface languages; English is required
// and is what a language without its own text shows.
//
// A Vocabulary is immutable after Load() and safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace praxis {

// Text in other languages than English: language code -> text.
using Translations = std::map<std::string, std::string, std::less<>>;

struct VocabularyValue {
  std::string id;
  std::string label;       // English
  std::string definition;  // English; may be empty
  std::string maps_to;     // registries' equivalents (evidence levels only)
  Translations labels;
  Translations definitions;

  // The label or definition in `lang`, or the English one when there is none in `lang`.
  const std::string& Label(std::string_view lang) const;
  const std::string& Definition(std::string_view lang) const;
};

struct Country {
  std::string code;  // ISO 3166-1 alpha-2, upper case
  std::string name;  // English
  std::string region;  // region id
  bool partner = false;
  Translations names;

  // The name in `lang`, or the English name when there is none in `lang`.
  const std::string& Name(std::string_view lang) const;
};

class Vocabulary {
 public:
  // Reads the file. On failure returns false and sets *error to a message naming the file.
  bool Load(const std::string& path, std::string* error);

  // The values of a list in file order, or nullptr for an unknown list name.
  // "countries" and "regions" are lists too, so facets can treat them uniformly.
  const std::vector<VocabularyValue>* List(std::string_view name) const;
  const VocabularyValue* Find(std::string_view list, std::string_view id) const;
  std::vector<std::string> Ids(std::string_view list) const;

  // Looks a country up by code, case-insensitively. nullptr when it is neither an OSCE
  // participating State nor a Partner for Co-operation.
  const Country* FindCountry(std::string_view code) const;
  const std::vector<Country>& countries() const { return countries_; }

  // The raw bytes of the file, so an index can tell when the vocabulary changed.
  const std::string& source_text() const { return source_text_; }

 private:
  std::map<std::string, std::vector<VocabularyValue>, std::less<>> lists_;
  std::vector<Country> countries_;
  std::map<std::string, size_t, std::less<>> country_index_;
  std::string source_text_;
};

}  // namespace praxis
