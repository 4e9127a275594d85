// Every contributor-facing problem of the entry format, with its exact message and position.
#include <doctest/doctest.h>

#include "entry_validator.h"
#include "test_support.h"
#include "text_util.h"

namespace praxis {
namespace {

using test::Replace;
using test::ValidEntry;

struct Outcome {
  bool ok = false;
  Entry entry;
  std::vector<std::string> messages;
};

Outcome Check(const std::string& text, const std::string& expected_id = "sample-practice") {
  EntryValidator validator(test::ProjectVocabulary(), 2026);
  Outcome o;
  std::vector<Diagnostic> diagnostics;
  o.ok = validator.Parse(text, "content/" + expected_id + ".md", expected_id, &o.entry,
                         &diagnostics);
  SortDiagnostics(&diagnostics);
  o.messages = test::Formatted(diagnostics);
  return o;
}

TEST_CASE("a valid entry parses into the model with its region derived") {
  Outcome o = Check(ValidEntry());
  CHECK(o.ok);
  CHECK(o.messages.empty());
  CHECK(o.entry.id == "sample-practice");
  CHECK(o.entry.countries == std::vector<std::string>{"DE", "NO"});
  CHECK(o.entry.regions == std::vector<std::string>{"western-europe", "nordic"});
  CHECK(o.entry.gender_responsive);
  CHECK_FALSE(o.entry.youth_participation);
  CHECK(o.entry.start_year == 2015);
  REQUIRE(o.entry.sources.size() == 1);
  CHECK(o.entry.sources[0].url == "https://example.org/programme");
  CHECK(o.entry.body.find("Classroom visits") != std::string::npos);
}

TEST_CASE("no front matter") {
  Outcome o = Check("# Just a heading\n\nSome text.\n");
  CHECK_FALSE(o.ok);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:1:1: error: missing front matter: the file must start with "
      "a line '---'"});
}

TEST_CASE("unterminated front matter") {
  Outcome o = Check("---\nid: sample-practice\ntitle: Something long enough\n");
  CHECK_FALSE(o.ok);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:1:1: error: unterminated front matter: no closing '---' line"});
}

TEST_CASE("YAML syntax error is reported at its position") {
  Outcome o = Check(Replace(ValidEntry(), "themes: [police-school-partnership, school-prevention]",
                            "themes: [police-school-partnership, school-prevention"));
  CHECK_FALSE(o.ok);
  REQUIRE(o.messages.size() == 1);
  // yaml-cpp reports where it noticed the problem: the line after the open list.
  CHECK(o.messages[0].rfind("content/sample-practice.md:8:", 0) == 0);
  CHECK(o.messages[0].find(": error: YAML syntax error: ") != std::string::npos);
}

// Found by tests/fuzz/front_matter_fuzz: yaml-cpp's message quoted one byte of a two-byte letter,
// and invalid UTF-8 in a diagnostic made its JSON (the submission API's answer) throw.
TEST_CASE("a YAML error quoting half a character is still valid UTF-8") {
  Outcome o = Check(Replace(ValidEntry(), "title: Police and schools working together",
                            "title: \"Police \\Юand schools\""));
  CHECK_FALSE(o.ok);
  REQUIRE(o.messages.size() == 1);
  CHECK(o.messages[0].find("YAML syntax error: unknown escape character: \xEF\xBF\xBD") !=
        std::string::npos);
  CHECK_FALSE(FindInvalidUtf8(o.messages[0]).has_value());
  CHECK_NOTHROW(nlohmann::json(o.messages[0]).dump());
}

TEST_CASE("missing required field") {
  Outcome o = Check(Replace(ValidEntry(), "evidence: not-evaluated\n", ""));
  CHECK_FALSE(o.ok);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:1:1: error: missing required field 'evidence'"});
}

TEST_CASE("wrong type") {
  SUBCASE("a scalar where a list is expected") {
    Outcome o = Check(Replace(ValidEntry(), "settings: [school]", "settings: school"));
    CHECK(o.messages == std::vector<std::string>{
        "content/sample-practice.md:9:11: error: 'settings' must be a list, e.g. settings: "
        "[school]"});
  }
  SUBCASE("a list where text is expected") {
    Outcome o = Check(Replace(ValidEntry(), "title: Police and schools working together",
                              "title: [Police, schools]"));
    CHECK(o.messages == std::vector<std::string>{
        "content/sample-practice.md:3:8: error: 'title' must be text, not a list"});
  }
  SUBCASE("a year that is not a year") {
    Outcome o = Check(Replace(ValidEntry(), "start_year: 2015", "start_year: 0x7DF"));
    CHECK(o.messages == std::vector<std::string>{
        "content/sample-practice.md:14:13: error: 'start_year' must be a year such as 2015 "
        "(got '0x7DF')"});
  }
  SUBCASE("yes is not a boolean here") {
    Outcome o = Check(Replace(ValidEntry(), "youth_participation: false", "youth_participation: yes"));
    CHECK(o.messages == std::vector<std::string>{
        "content/sample-practice.md:15:22: error: 'youth_participation' must be true or false "
        "(got 'yes')"});
  }
}

TEST_CASE("unknown field with a suggestion") {
  Outcome o = Check(Replace(ValidEntry(), "countries: [DE, \"NO\"]", "contries: [DE]"));
  CHECK_FALSE(o.ok);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:1:1: error: missing required field 'countries'",
      "content/sample-practice.md:6:1: error: unknown field 'contries' (did you mean "
      "'countries'?)"});
}

TEST_CASE("value outside the vocabulary, with a suggestion") {
  Outcome o = Check(Replace(ValidEntry(), "settings: [school]", "settings: [schol]"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:9:12: error: 'schol' is not a known value for 'settings' "
      "(did you mean 'school'?)"});
  Outcome e = Check(Replace(ValidEntry(), "evidence: not-evaluated", "evidence: proven"));
  CHECK(e.messages == std::vector<std::string>{
      "content/sample-practice.md:13:11: error: 'proven' is not a known value for 'evidence'"});
}

TEST_CASE("a country that is neither an OSCE participating State nor a Partner") {
  Outcome o = Check(Replace(ValidEntry(), "countries: [DE, \"NO\"]", "countries: [DE, CN]"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:6:17: error: 'CN' is not the ISO code of an OSCE "
      "participating State or Partner for Co-operation"});
  Outcome partner = Check(Replace(ValidEntry(), "countries: [DE, \"NO\"]", "countries: [JP]"));
  CHECK(partner.ok);
  CHECK(partner.entry.regions == std::vector<std::string>{"asian-partners"});
}

TEST_CASE("NO in a country list is Norway, quoted or not") {
  Outcome plain = Check(Replace(ValidEntry(), "countries: [DE, \"NO\"]", "countries: [NO, SE]"));
  CHECK(plain.ok);
  CHECK(plain.entry.countries == std::vector<std::string>{"NO", "SE"});
  CHECK(plain.entry.regions == std::vector<std::string>{"nordic"});
  Outcome block = Check(Replace(ValidEntry(), "countries: [DE, \"NO\"]", "countries:\n  - NO"));
  CHECK(block.ok);
  CHECK(block.entry.countries == std::vector<std::string>{"NO"});
}

TEST_CASE("a key given twice") {
  Outcome o = Check(ValidEntry("sample-practice", "title: Another title for the same entry\n"));
  CHECK_FALSE(o.ok);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:21:1: error: key 'title' is given twice (first at line 3)"});
}

TEST_CASE("id must equal the file name") {
  Outcome o = Check(ValidEntry("other-name"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:2:5: error: id 'other-name' does not match the file name "
      "'sample-practice.md'"});
}

TEST_CASE("id must be a slug of at most 80 characters") {
  Outcome o = Check(ValidEntry("Bad_Id"), "Bad_Id");
  CHECK(o.messages == std::vector<std::string>{
      "content/Bad_Id.md:2:5: error: id 'Bad_Id' must be lowercase letters and digits joined by "
      "single hyphens"});
  const std::string long_id(81, 'a');
  Outcome l = Check(ValidEntry(long_id), long_id);
  CHECK(l.messages == std::vector<std::string>{
      "content/" + long_id + ".md:2:5: error: id is longer than 80 characters"});
}

TEST_CASE("invalid date") {
  Outcome o = Check(Replace(ValidEntry(), "updated: 2026-01-15", "updated: 2026-02-30"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:20:10: error: '2026-02-30' is not a valid date (expected "
      "YYYY-MM-DD)"});
}

TEST_CASE("end_year before start_year, and in the future") {
  Outcome o = Check(ValidEntry("sample-practice", "end_year: 2010\n"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:21:11: error: end_year 2010 is before start_year 2015"});
  Outcome f = Check(ValidEntry("sample-practice", "end_year: 2031\n"));
  CHECK(f.messages == std::vector<std::string>{
      "content/sample-practice.md:21:11: error: 'end_year' 2031 must be between 1900 and 2026"});
}

TEST_CASE("a source URL that is not http(s)") {
  Outcome o = Check(Replace(ValidEntry(), "url: https://example.org/programme",
                            "url: ftp://example.org/programme"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:19:10: error: 'ftp://example.org/programme' is not an "
      "http:// or https:// URL"});
  Outcome js = Check(Replace(ValidEntry(), "url: https://example.org/programme",
                             "url: javascript:alert(1)"));
  CHECK_FALSE(js.ok);
}

TEST_CASE("invalid UTF-8") {
  Outcome o = Check(Replace(ValidEntry(), "Police and schools", "Police \xC3\x28 schools"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:3:15: error: invalid UTF-8 byte sequence; save the file as "
      "UTF-8"});
}

TEST_CASE("empty body") {
  std::string text = ValidEntry();
  text = text.substr(0, text.rfind("---\n") + 4) + "\n  \n";
  Outcome o = Check(text);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:22:1: error: empty body: describe the practice in Markdown "
      "after the front matter"});
}

TEST_CASE("a file over 1 MiB") {
  std::string text = ValidEntry() + std::string(1024 * 1024, 'x');
  Outcome o = Check(text);
  REQUIRE(o.messages.size() == 1);
  CHECK(o.messages[0].rfind("content/sample-practice.md:1:1: error: file is ", 0) == 0);
  CHECK(o.messages[0].find("entries are limited to 1 MiB") != std::string::npos);
}

TEST_CASE("UTF-8 BOM and CRLF line endings are accepted") {
  std::string text = "\xEF\xBB\xBF" + ValidEntry();
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  Outcome o = Check(crlf);
  CHECK(o.ok);
  CHECK(o.messages.empty());
  CHECK(o.entry.title == "Police and schools working together");
}

TEST_CASE("all problems of a file are reported at once") {
  std::string text = Replace(ValidEntry(), "settings: [school]", "settings: [schol]");
  text = Replace(text, "updated: 2026-01-15", "updated: yesterday");
  text = Replace(text, "evidence: not-evaluated", "evidense: not-evaluated");
  Outcome o = Check(text);
  CHECK(o.messages.size() == 4);
}

TEST_CASE("a language without a Xapian stemmer is noted, not rejected") {
  Outcome o = Check(Replace(ValidEntry(), "language: en", "language: pl"));
  CHECK(o.ok);
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:5:11: note: no stemmer for language 'pl' in this Xapian "
      "version: the entry is indexed without stemming"});
  Outcome bad = Check(Replace(ValidEntry(), "language: en", "language: english"));
  CHECK_FALSE(bad.ok);
}

TEST_CASE("nested items: unknown keys, missing keys, evaluation designs") {
  std::string extra =
      "evaluations:\n"
      "  - design: rtc\n"
      "    finding: Fewer pupils started using cannabis.\n"
      "registry_ratings:\n"
      "  - registry: Blueprints\n"
      "    ratng: Promising\n"
      "    url: https://example.org/rating\n"
      "    checked: 2026-01-01\n";
  Outcome o = Check(ValidEntry("sample-practice", extra));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:22:13: error: 'rtc' is not a known evaluation design (did you "
      "mean 'rct'?)",
      "content/sample-practice.md:25:5: error: missing 'rating' in 'registry_ratings'",
      "content/sample-practice.md:26:5: error: unknown field 'ratng' in 'registry_ratings' (did "
      "you mean 'rating'?)"});
}

TEST_CASE("text lengths are counted in characters") {
  Outcome o = Check(Replace(ValidEntry(), "title: Police and schools working together",
                            "title: Abc"));
  CHECK(o.messages == std::vector<std::string>{
      "content/sample-practice.md:3:8: error: 'title' must be 5-200 characters long (it has 3)"});
  Outcome cyrillic = Check(Replace(ValidEntry(), "title: Police and schools working together",
                                   "title: Полиция"));
  CHECK(cyrillic.ok);
}

}  // namespace
}  // namespace praxis
