#include "languages.h"

namespace praxis {

Xapian::Stem StemmerFor(std::string_view language_code) {
  if (language_code.empty()) return Xapian::Stem();
  try {
    return Xapian::Stem(std::string(language_code));
  } catch (const Xapian::InvalidArgumentError&) {
    return Xapian::Stem();
  }
}

bool HasStemmer(std::string_view language_code) {
  return !StemmerFor(language_code).is_none();
}

}  // namespace praxis
