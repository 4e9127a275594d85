// Interface strings of the web pages, read from message catalogues (web/i18n/<lang>.yaml).
//
// A catalogue is a flat YAML map: key -> text. A text may hold {name} placeholders, filled by
// Format(). A key whose value is a map of CLDR plural categories (one, few, many, other) is a
// plural message, chosen by Plural() with the catalogue language's rule; {count} is the number,
// written with the catalogue's `number_group_separator`.
//
// English (en.yaml) is the reference: a key missing from another catalogue falls back to it.
// Templates see every plain string of the chosen catalogue as {{t.KEY}}.
// Catalogues are immutable after Load() and safe to share between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace praxis {

class MessageCatalogue {
 public:
  const std::string& lang() const { return lang_; }

  // The text of `key`; the key itself when no catalogue has it (so a gap is visible, not blank).
  const std::string& Get(std::string_view key) const;
  bool Has(std::string_view key) const;

  // The text of `key` with each {name} replaced by its value (values inserted as they are:
  // templates escape the result).
  std::string Format(std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const;

  // The plural message `key` for `n`, with {count} and the other arguments filled in.
  std::string Plural(std::string_view key, long long n,
                     const std::vector<std::pair<std::string, std::string>>& args = {}) const;

  // n with the catalogue's digit grouping ("12,345" in English).
  std::string Number(long long n) const;

  // Every key of this catalogue, plural keys as "key.one", "key.other", ...
  const std::map<std::string, std::string, std::less<>>& strings() const { return strings_; }

  // The CLDR plural category of n in language `lang` ("one", "few", "many" or "other").
  static const char* PluralCategory(std::string_view lang, long long n);

 private:
  friend class Messages;
  std::string lang_;
  std::map<std::string, std::string, std::less<>> strings_;
  const MessageCatalogue* fallback_ = nullptr;
};

class Messages {
 public:
  // Reads every <lang>.yaml in `dir`; en.yaml must be there. False with a message on failure.
  bool Load(const std::string& dir, std::string* error);

  // The catalogue for an explicit `lang` parameter when there is one for it, else the best
  // match for an Accept-Language header, else English.
  const MessageCatalogue& Choose(std::string_view lang_param,
                                 std::string_view accept_language) const;
  const MessageCatalogue* Find(std::string_view lang) const;
  const MessageCatalogue& English() const { return *catalogues_.at("en"); }
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, std::unique_ptr<MessageCatalogue>, std::less<>> catalogues_;
};

}  // namespace praxis
