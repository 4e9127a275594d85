// Indexing a fixture folder and reading the result back with Xapian.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <xapian.h>

#include "file_util.h"
#include "index_builder.h"
#include "index_layout.h"
#include "index_store.h"
#include "csv_record.h"
#include "stored_entry.h"
#include "test_support.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;
namespace L = layout;
using test::Replace;
using test::ValidEntry;

std::string EnglishEntry(const std::string& id) { return ValidEntry(id); }

std::string GermanEntry(const std::string& id) {
  std::string t = ValidEntry(id);
  t = Replace(t, "language: en", "language: de");
  t = Replace(t, "title: Police and schools working together",
              "title: Polizei und Schulen gemeinsam gegen Drogen");
  t = Replace(t, "countries: [DE, \"NO\"]", "countries: [AT]");
  t = Replace(t, "start_year: 2015", "start_year: 2009");
  t = Replace(t, "Classroom visits by community officers, prepared together with teachers.",
              "Die Beamten besuchen die Schulen und sprechen mit den Jugendlichen über Drogen.");
  return t;
}

std::string RussianEntry(const std::string& id) {
  std::string t = ValidEntry(id);
  t = Replace(t, "language: en", "language: ru");
  t = Replace(t, "title: Police and schools working together",
              "title: Профилактика наркомании среди подростков");
  t = Replace(t, "countries: [DE, \"NO\"]", "countries: [KG]");
  t = Replace(t, "Classroom visits by community officers, prepared together with teachers.",
              "Участковые инспекторы проводят занятия с подростками в школах.");
  return t;
}

struct Fixture {
  test::TempDir dir;
  std::string content = dir.path() + "/content";
  std::string index = dir.path() + "/var/index";
  EntryValidator validator{test::ProjectVocabulary(), 2026};
  Indexer indexer{validator, {{"en", "cops", {"police"}}}, "fingerprint-1"};

  Fixture() {
    dir.Write("content/english-practice.md", EnglishEntry("english-practice"));
    dir.Write("content/german-practice.md", GermanEntry("german-practice"));
    dir.Write("content/sub/russian-practice.md", RussianEntry("russian-practice"));
  }
  IndexResult Run(bool full = false) {
    IndexOptions options;
    options.content_dir = content;
    options.index_path = index;
    options.full = full;
    IndexResult r;
    indexer.Run(options, &r);
    return r;
  }
  std::string StubText() const {
    std::string text, error;
    ReadFile(index, &text, &error);
    return text;
  }
};

bool HasTerm(const Xapian::Database& db, const std::string& term) {
  return db.term_exists(term);
}

Xapian::docid DocOf(const Xapian::Database& db, const std::string& id) {
  Xapian::PostingIterator p = db.postlist_begin(L::kPrefixId + id);
  REQUIRE(p != db.postlist_end(L::kPrefixId + id));
  return *p;
}

TEST_CASE("a fixture folder becomes documents with terms, values and data") {
  Fixture f;
  IndexResult r = f.Run();
  REQUIRE_MESSAGE(r.error.empty(), r.error);
  CHECK(r.full_rebuild);
  CHECK(r.added == 3);
  Xapian::Database db(f.index);
  CHECK(db.get_doccount() == 3);
  for (const char* term : {"XCde", "XCno", "XCat", "XCkg", "XRwestern-europe", "XRnordic",
                           "XRcentral-asia-mongolia", "XTpolice-school-partnership",
                           "XGall-youth", "XAearly-adolescence", "XPuniversal", "XSschool",
                           "XWpolice", "XEnot-evaluated", "Len", "Lde", "Lru", "XYfalse",
                           "XFtrue", "Y2015", "Y2009"}) {
    CHECK_MESSAGE(HasTerm(db, term), term);
  }
  Xapian::Document doc = db.get_document(DocOf(db, "german-practice"));
  CHECK(Xapian::sortable_unserialise(doc.get_value(L::kSlotStartYear)) == 2009);
  CHECK(doc.get_value(L::kSlotUpdated) == "2026-01-15");
  CHECK(doc.get_value(L::kSlotTitleSort) == "polizei und schulen gemeinsam gegen drogen");
  nlohmann::json data = nlohmann::json::parse(doc.get_data());
  CHECK(data["id"] == "german-practice");
  CHECK(data["regions"] == nlohmann::json::array({"western-europe"}));
  // The body lives in its own slot, Markdown as written; snippets read plain text from another.
  CHECK_FALSE(data.contains("body"));
  CHECK(doc.get_value(L::kSlotBody).find("Jugendlichen") != std::string::npos);
  CHECK(StoredEntry(doc, WithBody::kYes).body == doc.get_value(L::kSlotBody));
  CHECK(StoredEntry(doc, WithBody::kNo).body.empty());
  const std::string snippet_text = doc.get_value(L::kSlotSnippetText);
  CHECK(snippet_text.rfind(data["summary"].get<std::string>() + "\n", 0) == 0);
  CHECK(snippet_text.find("##") == std::string::npos);  // plain text, no Markdown
  CHECK(snippet_text.find("Jugendlichen") != std::string::npos);
  // A result list reads its fields from a small record of their own.
  const Entry listed = StoredListEntry(doc);
  const Entry full = StoredEntry(doc, WithBody::kNo);
  CHECK(listed.id == full.id);
  CHECK(listed.title == full.title);
  CHECK(listed.language == "de");
  CHECK(listed.summary == full.summary);
  CHECK(listed.countries == full.countries);
  CHECK(listed.themes == full.themes);
  CHECK(listed.evidence == full.evidence);
  CHECK(listed.start_year == 2009);
  CHECK(listed.updated == "2026-01-15");
  CHECK(listed.sources.empty());
  // CSV export records are stored ready-made, the same as formatting the stored entry.
  CHECK(StoredCsvRecord(doc, false) == CsvRecord(StoredEntry(doc, WithBody::kNo), nullptr));
  CHECK(StoredCsvRecord(doc, false).find(",AT,") != std::string::npos);
  CHECK(StoredCsvRecord(doc, true).find(",Austria,") != std::string::npos);
  CHECK(db.get_metadata(L::kMetaSchema) == L::kSchemaVersion);
}

TEST_CASE("text is stemmed in each entry's own language") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  Xapian::Database db(f.index);
  const std::string german_stem = "Z" + Xapian::Stem("german")("schulen");
  const std::string russian_stem = "Z" + Xapian::Stem("russian")("подростками");
  const std::string english_stem = "Z" + Xapian::Stem("english")("visits");
  CHECK(german_stem == "Zschul");
  CHECK(HasTerm(db, german_stem));
  CHECK(HasTerm(db, russian_stem));
  CHECK(HasTerm(db, english_stem));
  // A Russian word in another form meets the Russian entry through the Russian stemmer.
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("russian"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  Xapian::Enquire enquire(db);
  enquire.set_query(qp.parse_query("подростки"));
  Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  CHECK(nlohmann::json::parse(mset.begin().get_document().get_data())["id"] == "russian-practice");
}

TEST_CASE("phrases match through positional data, not across fields") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  Xapian::Database db(f.index);
  Xapian::QueryParser qp;
  qp.set_database(db);
  Xapian::Enquire enquire(db);
  enquire.set_query(qp.parse_query("\"prepared together with teachers\""));
  CHECK(enquire.get_mset(0, 10).size() == 1);
  enquire.set_query(qp.parse_query("\"teachers prepared\""));
  CHECK(enquire.get_mset(0, 10).size() == 0);
  qp.add_prefix("title", L::kPrefixTitle);
  enquire.set_query(qp.parse_query("title:\"schools working\""));
  CHECK(enquire.get_mset(0, 10).size() == 1);
}

TEST_CASE("spelling data and synonyms are in the index") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  Xapian::Database db(f.index);
  CHECK(db.get_spelling_suggestion("clasroom") == "classroom");
  auto syn = db.synonyms_begin("cops");
  REQUIRE(syn != db.synonyms_end("cops"));
  CHECK(*syn == "police");
  CHECK(db.synonyms_begin("Z" + Xapian::Stem("english")("cops")) !=
        db.synonyms_end("Z" + Xapian::Stem("english")("cops")));
}

TEST_CASE("incremental runs apply only what changed") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  const std::string stub = f.StubText();

  IndexResult same = f.Run();
  CHECK(same.error.empty());
  CHECK_FALSE(same.index_changed);
  CHECK_FALSE(same.full_rebuild);
  CHECK(same.unchanged == 3);

  // Touched but not changed: hashed, not reindexed.
  fs::last_write_time(f.content + "/english-practice.md", fs::file_time_type::clock::now());
  CHECK_FALSE(f.Run().index_changed);

  f.dir.Write("content/english-practice.md",
              Replace(EnglishEntry("english-practice"), "prepared together", "planned jointly"));
  f.dir.Write("content/new-practice.md", EnglishEntry("new-practice"));
  fs::remove(f.content + "/german-practice.md");
  IndexResult r = f.Run();
  REQUIRE_MESSAGE(r.error.empty(), r.error);
  CHECK_FALSE(r.full_rebuild);
  CHECK(r.changed == 1);
  CHECK(r.added == 1);
  CHECK(r.removed == 1);
  CHECK(r.unchanged == 1);
  CHECK(f.StubText() == stub);  // same generation, updated in place

  Xapian::Database db(f.index);
  CHECK(db.get_doccount() == 3);
  CHECK_FALSE(HasTerm(db, "Qgerman-practice"));
  CHECK(HasTerm(db, "Qnew-practice"));
  CHECK(HasTerm(db, "jointly"));
  CHECK_FALSE(HasTerm(db, "Lde"));
}

TEST_CASE("a full build swaps in a new generation and keeps the previous one") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  IndexStore store(f.index);
  const std::string first = store.CurrentGeneration().value();
  REQUIRE(f.Run(true).error.empty());
  const std::string second = store.CurrentGeneration().value();
  CHECK(second != first);
  CHECK(fs::exists(first));  // readers may still have it open
  REQUIRE(f.Run(true).error.empty());
  CHECK_FALSE(fs::exists(first));
  CHECK(fs::exists(second));
  CHECK(f.StubText().rfind("auto index.d/gen-", 0) == 0);
  CHECK(Xapian::Database(f.index).get_doccount() == 3);
}

TEST_CASE("a changed vocabulary or thesaurus forces a full rebuild") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  Indexer other(f.validator, {}, "fingerprint-2");
  IndexOptions options;
  options.content_dir = f.content;
  options.index_path = f.index;
  IndexResult r;
  CHECK(other.Run(options, &r));
  CHECK(r.full_rebuild);
}

TEST_CASE("invalid entries leave the existing index untouched") {
  Fixture f;
  REQUIRE(f.Run().error.empty());
  const std::string stub = f.StubText();
  const std::string generation = IndexStore(f.index).CurrentGeneration().value();
  Xapian::Database before(f.index);
  const auto revision = Xapian::Database(generation).get_revision();

  f.dir.Write("content/english-practice.md",
              Replace(EnglishEntry("english-practice"), "settings: [school]", "settings: [schol]"));
  f.dir.Write("content/broken.md", "no front matter\n");
  IndexResult r = f.Run();
  CHECK(r.entries_invalid);
  CHECK(r.diagnostics.size() == 2);
  CHECK(f.StubText() == stub);
  CHECK(Xapian::Database(generation).get_revision() == revision);
  CHECK(before.get_doccount() == 3);

  IndexResult full = f.Run(true);
  CHECK(full.entries_invalid);
  CHECK(f.StubText() == stub);
  CHECK_FALSE(fs::exists(f.dir.path() + "/var/index.d/gen-000002"));
}

TEST_CASE("duplicate ids in two folders are reported at both places") {
  Fixture f;
  f.dir.Write("content/other/german-practice.md", GermanEntry("german-practice"));
  IndexResult r = f.Run();
  CHECK(r.entries_invalid);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].message ==
        "duplicate id 'german-practice': also used by " + f.content + "/other/german-practice.md");
  CHECK(r.diagnostics[1].message ==
        "duplicate id 'german-practice': also used by " + f.content + "/german-practice.md");
  CHECK_FALSE(fs::exists(f.index));
}

TEST_CASE("a second writer is refused while the lock is held") {
  Fixture f;
  fs::create_directories(f.dir.path() + "/var");
  IndexStore holder(f.index);
  std::string error;
  REQUIRE(holder.Lock(&error));
  IndexResult r = f.Run();
  CHECK(r.error.find("another praxis-index is already updating") != std::string::npos);
  CHECK_FALSE(fs::exists(f.index));
}

}  // namespace
}  // namespace praxis
