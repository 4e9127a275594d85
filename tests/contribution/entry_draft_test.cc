// Entry drafts: what contributors type becomes an entry file that says exactly that, and nothing
// typed can add a field, end the front matter or name a file outside its folder.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "entry_draft.h"
#include "entry_validator.h"
#include "test_support.h"
#include "text_util.h"

namespace praxis {
namespace {

EntryDraft ValidDraft() {
  EntryDraft d;
  d.id = "police-cafes-graz";
  d.title = "Police cafés for parents in Graz";
  d.summary = "Community officers meet parents in cafés once a month to talk about drugs and safety.";
  d.language = "en";
  d.countries = {"AT"};
  d.themes = {"community-policing"};
  d.target_groups = {"parents-families"};
  d.settings = {"community-neighbourhood"};
  d.actors = {"police", "municipality"};
  d.evidence = "not-evaluated";
  d.start_year = "2019";
  d.youth_participation = "false";
  d.gender_responsive = "false";
  d.sources = {{"Programme page", "https://example.org/cafes", ""}};
  d.updated = "2026-01-15";
  d.body = "## Context\r\n\r\nParents asked for it.\r\n";
  return d;
}

bool Validate(const std::string& text, Entry* entry, std::vector<Diagnostic>* diagnostics,
              const std::string& id = "police-cafes-graz") {
  EntryValidator validator(test::ProjectVocabulary(), 2026);
  return validator.Parse(text, "content/" + id + ".md", id, entry, diagnostics);
}

TEST_CASE("a rendered draft is a valid entry that says exactly what was typed") {
  const std::string text = RenderEntryFile(ValidDraft());
  Entry e;
  std::vector<Diagnostic> diagnostics;
  REQUIRE_MESSAGE(Validate(text, &e, &diagnostics), text);
  CHECK(e.title == "Police cafés for parents in Graz");
  CHECK(e.countries == std::vector<std::string>{"AT"});
  CHECK(e.start_year == 2019);
  CHECK_FALSE(e.youth_participation);
  CHECK(e.body == "\n## Context\n\nParents asked for it.\n");  // CRLF from browsers becomes LF
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("quotes, newlines, YAML syntax and delimiters in values stay inside the value") {
  EntryDraft d = ValidDraft();
  d.title = "Evil\"\nid: other-id\n---\nx: y # not a comment";
  d.summary = "A summary with a backslash \\ and a tab\tand U+2028\u2028and NEL\u0085 and more text.";
  d.organisation = "- [list, looking] {map: looking} & *alias !tag";
  d.tags = {"a, b", "\"quoted\""};
  const std::string text = RenderEntryFile(d);
  Entry e;
  std::vector<Diagnostic> diagnostics;
  REQUIRE_MESSAGE(Validate(text, &e, &diagnostics), text);
  CHECK(e.id == "police-cafes-graz");
  CHECK(e.title == "Evil\"\nid: other-id\n---\nx: y # not a comment");
  CHECK(e.summary == d.summary);
  CHECK(e.organisation == d.organisation);
  CHECK(e.tags == std::vector<std::string>{"a, b", "\"quoted\""});
}

TEST_CASE("YamlQuote round-trips through the YAML parser") {
  for (std::string s : {std::string(""), std::string("plain"), std::string("yes"), std::string("NO"),
                        std::string("12"), std::string("a: b"), std::string("\x01\x7f"),
                        std::string("\xef\xbb\xbf" "bom"), std::string("Ünïcödé – Кириллица")}) {
    YAML::Node n = YAML::Load("v: " + YamlQuote(s));
    CHECK_MESSAGE(n["v"].as<std::string>() == s, YamlQuote(s));
    CHECK(n["v"].Tag() == "!");  // quoted: never read as a boolean or a number
  }
}

TEST_CASE("empty fields and empty rows are left out, so missing fields are reported as such") {
  EntryDraft d = ValidDraft();
  d.summary = "";
  d.sources = {{"", "", ""}, {"Report", "https://example.org/r", "2020"}, {"", "", ""}};
  const std::string text = RenderEntryFile(d);
  CHECK(text.find("summary:") == std::string::npos);
  CHECK(text.find("  - title: \"Report\"\n    url: \"https://example.org/r\"\n    year: 2020\n") !=
        std::string::npos);
  Entry e;
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(Validate(text, &e, &diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message == "missing required field 'summary'");
  CHECK(diagnostics[0].field == "summary");
}

TEST_CASE("a year or boolean that is not one is kept as text for the validator to name") {
  EntryDraft d = ValidDraft();
  d.start_year = "20l5";
  d.gender_responsive = "yes";
  Entry e;
  std::vector<Diagnostic> diagnostics;
  CHECK_FALSE(Validate(RenderEntryFile(d), &e, &diagnostics));
  const auto messages = test::Formatted(diagnostics);
  CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
    return m.find("'start_year' must be a year such as 2015 (got '20l5')") != std::string::npos;
  }));
  CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
    return m.find("'gender_responsive' must be true or false (got 'yes')") != std::string::npos;
  }));
}

TEST_CASE("comments go at the top of the front matter, one line each") {
  const std::string text = RenderEntryFile(ValidDraft(), {"first", "second\nline"});
  CHECK(text.rfind("---\n# first\n# second line\nid: ", 0) == 0);
}

TEST_CASE("ids from titles: transliterated, folded, bounded, and only valid ones are file names") {
  CHECK(IdFromTitle("Police cafés for parents in Graz") == "police-cafes-for-parents-in-graz");
  CHECK(IdFromTitle("Сообщи, где торгуют смертью") == "soobshchi-gde-torguyut-smertyu");
  CHECK(IdFromTitle("Шкільний офіцер поліції") == "shkilniy-ofitser-politsiyi");
  CHECK(IdFromTitle("Қауіпсіз мектеп") == "qauipsiz-mektep");
  CHECK(IdFromTitle("Σχολείο") == "");  // no letters it can use: the contributor gives an id
  CHECK(IdFromTitle(std::string(300, 'a')).size() <= 80);
  CHECK(IsValidEntryId("police-cafes-2"));
  for (const char* bad : {"", "../../etc/passwd", "/etc/passwd", "a/b", "a..b", "..", ".", "-a",
                          "a-", "a--b", "A", "a b", "a\\b", "%2e%2e%2f", "a\nb"}) {
    CHECK_MESSAGE(!IsValidEntryId(bad), bad);
  }
  CHECK_FALSE(IsValidEntryId(std::string(81, 'a')));
}

TEST_CASE("the skeleton body has the recommended sections, and lists split on commas") {
  const std::string body = SkeletonBody();
  for (const std::string& section : RecommendedBodySections()) {
    CHECK(body.find("## " + section + "\n") != std::string::npos);
  }
  CHECK(SplitList(" a, b;c\n\n d ,") == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(IsIsoDate(TodayIsoDate()));
}

}  // namespace
}  // namespace praxis
