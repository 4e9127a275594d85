// Result snippets: the window scan picks the passage, Xapian marks the words in it.
#include <doctest/doctest.h>

#include <string>

#include <xapian.h>

#include "snippet.h"

namespace praxis {
namespace {

// A one-document in-memory index and an MSet for `query_text` over it (snippets need one).
struct Search {
  Search(const std::string& text, const std::string& query_text, const std::string& language) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem(language));
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    db.add_document(doc);
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem(language));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    query = parser.parse_query(query_text);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    mset = enquire.get_mset(0, 10);
  }
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::Query query;
  Xapian::MSet mset;
};

std::string Filler(size_t words) {
  std::string out;
  for (size_t i = 0; i < words; ++i) out += "lorem ipsum dolor sit amet ";
  return out;
}

TEST_CASE("the snippet comes from where the query's words are, far into a long text") {
  const std::string text = "Summary of the practice.\n" + Filler(60) +
                           "Here <b>the</b> communities worked with school mediators on cannabis. " +
                           Filler(60);
  Search s(text, "community cannabis", "english");
  SnippetMaker maker(s.mset, s.query, Xapian::Stem("english"));
  const std::string snippet = maker.Make(text);
  CHECK(snippet.find("<mark>communities</mark>") != std::string::npos);
  CHECK(snippet.find("<mark>cannabis</mark>") != std::string::npos);
  CHECK(snippet.rfind("…", 0) == 0);  // cut from the middle of the text, and says so
  CHECK(snippet.size() < 600);
  CHECK(snippet.find("<b>") == std::string::npos);
}

TEST_CASE("the window prefers the passage with more of the query's words") {
  const std::string text = "Police " + Filler(40) + " police and parents together " + Filler(40);
  Search s(text, "police parents", "english");
  SnippetMaker maker(s.mset, s.query, Xapian::Stem("english"));
  const auto [begin, end] = maker.Window(text);
  const size_t both = text.find("police and parents");
  CHECK(begin <= both);
  CHECK(end >= both + std::string("police and parents").size());
  CHECK(maker.Make(text).find("<mark>parents</mark>") != std::string::npos);
}

TEST_CASE("Cyrillic text is folded to lower case and found through its stem") {
  const std::string text = "Краткое описание.\n" + Filler(50) + "ПОЛИЦИЯ работает с подростками в школах. " + Filler(50);
  Search s(text, "полиции", "russian");
  SnippetMaker maker(s.mset, s.query, Xapian::Stem("russian"));
  const std::string snippet = maker.Make(text);
  CHECK(snippet.find("<mark>ПОЛИЦИЯ</mark>") != std::string::npos);
  CHECK(FoldCase("ПОЛИЦИЯ Police") == "полиция police");
}

TEST_CASE("no match gives no snippet, and short texts are looked at whole") {
  const std::string text = "A <b>summary</b> & more.\n" + Filler(60);
  Search s(text, "zebra", "english");
  SnippetMaker maker(s.mset, s.query, Xapian::Stem("english"));
  CHECK(maker.Window(text).first == 0);
  CHECK(maker.Make(text).empty());  // the result list shows the summary instead
  CHECK(maker.Window("short text").second == std::string("short text").size());
}

TEST_CASE("window edges fall on character and word boundaries") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "ñandú ";
  text += "target ";
  for (int i = 0; i < 200; ++i) text += "ñandú ";
  Search s(text, "target", "english");
  SnippetMaker maker(s.mset, s.query, Xapian::Stem("english"));
  const auto [begin, end] = maker.Window(text);
  CHECK((static_cast<unsigned char>(text[begin]) & 0xC0) != 0x80);
  CHECK((begin == 0 || text[begin - 1] == ' '));
  CHECK((end == text.size() || text[end] == ' '));
  CHECK(maker.Make(text).find("<mark>target</mark>") != std::string::npos);
}

}  // namespace
}  // namespace praxis
