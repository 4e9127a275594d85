// Submissions without HTTP: reading forms and JSON within limits, validating with the messages
// of praxis-index --check, and the submission folder (atomic, no overwrite, safe names).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "file_util.h"
#include "submission.h"
#include "submission_store.h"
#include "test_support.h"
#include "text_util.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;

FormParams ValidForm() {
  return {{"title", "Police cafés for parents in Graz"},
          {"summary", "Community officers meet parents in cafés once a month to talk about drugs."},
          {"language", "en"},
          {"countries", "AT"},
          {"themes", "community-policing"},
          {"themes", "family-prevention"},
          {"target_groups", "parents-families"},
          {"settings", "community-neighbourhood"},
          {"actors", "police"},
          {"evidence", "not-evaluated"},
          {"start_year", "2019"},
          {"sources[1].title", "Programme page"},
          {"sources[1].url", "https://example.org/cafes"},
          {"body", "## Context\r\n\r\nParents asked for it.\r\n"},
          {"action", "submit"},
          {kHoneypotField, ""}};
}

SubmissionRequest FromForm(const FormParams& params, bool expect_ok = true) {
  SubmissionRequest r;
  SubmissionProblem p;
  CHECK_MESSAGE(DraftFromForm(params, SubmissionLimits{}, &r, &p) == expect_ok, p.message);
  return r;
}

TEST_CASE("a form becomes a draft: lists, checkboxes, rows by number, honeypot apart") {
  FormParams params = ValidForm();
  params.push_back({"youth_participation", "true"});
  params.push_back({"sources[3].url", "https://example.org/third"});  // row 2 left empty
  params.push_back({"sources[3].title", "Third"});
  params.push_back({"tags", "cafés, parents; police"});
  const SubmissionRequest r = FromForm(params);
  CHECK(r.draft.themes == std::vector<std::string>{"community-policing", "family-prevention"});
  CHECK(r.draft.youth_participation == "true");
  CHECK(r.draft.gender_responsive == "false");  // an unticked box is not sent at all
  REQUIRE(r.draft.sources.size() == 2);          // empty rows dropped, the rest renumbered
  CHECK(r.draft.sources[1].title == "Third");
  CHECK(r.draft.tags == std::vector<std::string>{"cafés", "parents", "police"});
  CHECK(r.honeypot.empty());

  const PreparedSubmission p = PrepareSubmission(r.draft, EntryValidator(test::ProjectVocabulary()));
  const std::string first = p.diagnostics.empty() ? "" : FormatDiagnostic(p.diagnostics[0]);
  CHECK_MESSAGE(p.valid, first);
  CHECK(p.id == "police-cafes-for-parents-in-graz");
  CHECK(p.entry.updated == TodayIsoDate());
}

TEST_CASE("limits: a body over 200 KB, more than 20 sources, huge fields, bad UTF-8") {
  SubmissionProblem problem;
  SubmissionRequest r;
  FormParams params = ValidForm();
  params.push_back({"body", std::string(200 * 1024 + 1, 'x')});
  CHECK_FALSE(DraftFromForm(params, SubmissionLimits{}, &r, &problem));
  CHECK(problem.status == 413);
  CHECK(problem.code == "body_too_large");
  CHECK(problem.message == "the description (body) is 201 KB; the limit is 200 KB");
  CHECK(r.draft.title == "Police cafés for parents in Graz");  // the rest is still read

  params = ValidForm();
  for (int i = 1; i <= 21; ++i) {
    params.push_back({"sources[" + std::to_string(i) + "].url", "https://example.org/" + std::to_string(i)});
  }
  r = {};
  CHECK_FALSE(DraftFromForm(params, SubmissionLimits{}, &r, &problem));
  CHECK(problem.status == 400);
  CHECK(problem.code == "too_many_sources");
  CHECK(problem.message == "at most 20 sources can be given (there are 21)");

  params = ValidForm();
  params.push_back({"organisation", std::string(20 * 1024, 'o')});
  r = {};
  CHECK_FALSE(DraftFromForm(params, SubmissionLimits{}, &r, &problem));
  CHECK(problem.code == "field_too_long");
  CHECK(problem.message.find("'organisation' is 20 KB") == 0);

  params = ValidForm();
  params.push_back({"title", "bad \xff byte"});
  r = {};
  CHECK_FALSE(DraftFromForm(params, SubmissionLimits{}, &r, &problem));
  CHECK(problem.code == "invalid_encoding");

  params = ValidForm();
  params.push_back({"title", "a\x01" "b"});
  r = {};
  CHECK_FALSE(DraftFromForm(params, SubmissionLimits{}, &r, &problem));
  CHECK(problem.code == "invalid_characters");
}

// Found by tests/fuzz/submission_fuzz: the message quoted the field's name as sent, so an
// invalid UTF-8 name made the API's JSON answer throw (a 500 instead of a 400).
TEST_CASE("a field name that is not UTF-8 is quoted as valid UTF-8") {
  for (const std::string& value : {std::string("a\nb"), std::string("bad \xff byte"),
                                   std::string(20 * 1024, 'o')}) {
    SubmissionProblem problem;
    SubmissionRequest r;
    FormParams params = ValidForm();
    params.push_back({"the\xff\xff\xff\x1fmes", value});
    CHECK_FALSE(DraftFromForm(params, SubmissionLimits{}, &r, &problem));
    CHECK(problem.status / 100 == 4);
    CHECK_FALSE(FindInvalidUtf8(problem.message).has_value());
    CHECK(problem.message.find("'the\xEF\xBF\xBD") == 0);
    CHECK_NOTHROW(nlohmann::json(problem.message).dump());
  }
}

TEST_CASE("JSON submissions: typed values, unknown fields named with a suggestion") {
  const nlohmann::json body = {
      {"title", "Police cafés for parents in Graz"},
      {"summary", "Community officers meet parents in cafés once a month to talk about drugs."},
      {"language", "en"}, {"countries", {"AT"}}, {"themes", "community-policing, family-prevention"},
      {"target_groups", {"parents-families"}}, {"settings", {"community-neighbourhood"}},
      {"actors", {"police"}}, {"evidence", "not-evaluated"}, {"start_year", 2019},
      {"youth_participation", false}, {"gender_responsive", true},
      {"sources", {{{"title", "Programme page"}, {"url", "https://example.org/cafes"}, {"year", 2020}}}},
      {"body", "## Context\n\nParents asked for it.\n"}};
  SubmissionRequest r;
  SubmissionProblem problem;
  REQUIRE(DraftFromJson(body, SubmissionLimits{}, &r, &problem));
  CHECK(r.draft.start_year == "2019");
  CHECK(r.draft.gender_responsive == "true");
  CHECK(r.draft.themes.size() == 2);
  CHECK(r.draft.sources[0].year == "2020");
  CHECK(PrepareSubmission(r.draft, EntryValidator(test::ProjectVocabulary())).valid);

  nlohmann::json misspelt = body;
  misspelt["countrys"] = {"AT"};
  CHECK_FALSE(DraftFromJson(misspelt, SubmissionLimits{}, &r, &problem));
  CHECK(problem.message == "unknown field 'countrys' (did you mean 'countries'?)");
  CHECK_FALSE(DraftFromJson(nlohmann::json::array(), SubmissionLimits{}, &r, &problem));
  CHECK(problem.code == "invalid_json");
  nlohmann::json sources = body;
  sources["sources"] = nlohmann::json::array();
  for (int i = 0; i < 21; ++i) sources["sources"].push_back({{"url", "https://example.org/" + std::to_string(i)}});
  CHECK_FALSE(DraftFromJson(sources, SubmissionLimits{}, &r, &problem));
  CHECK(problem.code == "too_many_sources");
}

// The web and the command line must say the same thing about the same entry.
TEST_CASE("a submission's problems are the messages praxis-index --check gives for the file") {
  FormParams params = ValidForm();
  params.push_back({"settings", "schol"});
  params.push_back({"website", "ftp://example.org"});
  params.push_back({"start_year", "20l5"});
  params.push_back({"sources[2].url", "not a url"});
  params.push_back({"summary", "too short"});
  const PreparedSubmission p =
      PrepareSubmission(FromForm(params).draft, EntryValidator(test::ProjectVocabulary()));
  REQUIRE_FALSE(p.valid);
  REQUIRE(p.diagnostics.size() >= 5);

  test::TempDir dir;
  dir.Write("content/" + p.id + ".md", p.file_text);
  const auto check = test::RunCommand(std::string(PRAXIS_INDEX_BIN) + " --check --no-overlaps --schemas " +
                                      test::SchemasDir() + " --content " + dir.path() + "/content");
  CHECK(check.status == 1);
  for (const Diagnostic& d : p.diagnostics) {
    CHECK_MESSAGE(check.out.find(d.message) != std::string::npos, d.message);
  }
  CHECK(check.out.find("'schol' is not a known value for 'settings' (did you mean 'school'?)") !=
        std::string::npos);
}

TEST_CASE("ids: made from the title, checked when given, never a path") {
  const EntryValidator validator(test::ProjectVocabulary());
  for (const char* id : {"../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "a/../../b",
                         "..\\..\\windows", "%2e%2e", "UPPER", "a--b"}) {
    FormParams params = ValidForm();
    params.push_back({"id", id});
    const PreparedSubmission p = PrepareSubmission(FromForm(params).draft, validator);
    CHECK_MESSAGE(!p.valid, id);
    bool id_problem = false;
    for (const Diagnostic& d : p.diagnostics) id_problem = id_problem || d.field == "id";
    CHECK_MESSAGE(id_problem, id);
    CHECK_FALSE(IsValidEntryId(p.id));
  }
  FormParams greek = ValidForm();
  greek[0].second = "Ασφαλές σχολείο για όλους";
  const PreparedSubmission p = PrepareSubmission(FromForm(greek).draft, validator);
  CHECK_FALSE(p.valid);
  CHECK(test::Formatted(p.diagnostics).back().find("no id can be made from this title") != std::string::npos);
}

TEST_CASE("the store: atomic create, one winner for one id, header kept out of content") {
  test::TempDir dir;
  SubmissionStore store(dir.path() + "/submissions");
  const std::string text = "---\nid: \"x\"\n---\n\nbody\n";
  std::atomic<int> stored{0}, conflicts{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < 16; ++i) {
    writers.emplace_back([&, i] {
      std::string error;
      const auto r = store.Add("same-id", "R" + std::to_string(i), text, &error);
      if (r == SubmissionStore::AddResult::kStored) ++stored;
      if (r == SubmissionStore::AddResult::kConflict) ++conflicts;
    });
  }
  for (auto& t : writers) t.join();
  CHECK(stored == 1);
  CHECK(conflicts == 15);
  std::vector<PendingSubmission> pending;
  std::string error;
  REQUIRE(store.List(&pending, &error));
  REQUIRE(pending.size() == 1);  // no temp files left behind, none listed
  CHECK(pending[0].id == "same-id");
  CHECK(pending[0].receipt.rfind("R", 0) == 0);
  CHECK_FALSE(pending[0].received.empty());
  CHECK(SubmissionStore::WithoutHeader(pending[0].text) == text);
  size_t files = 0;
  for (const auto& f : fs::directory_iterator(dir.path() + "/submissions/pending")) files += f.is_regular_file();
  CHECK(files == 1);

  CHECK(store.Add("../escape", "R", text, &error) == SubmissionStore::AddResult::kUnavailable);
  CHECK_FALSE(fs::exists(dir.path() + "/escape.md"));
  PendingSubmission s;
  CHECK_FALSE(store.Read("../../etc/passwd", &s, &error));
  CHECK(error.find("is not a submission id") != std::string::npos);
}

TEST_CASE("the store: reject keeps the file and the reason, and receipts are unique") {
  test::TempDir dir;
  SubmissionStore store(dir.path() + "/submissions");
  std::string error;
  REQUIRE(store.Add("one", "20260101-ABCDEF", "---\nid: \"one\"\n---\n\nx\n", &error) ==
          SubmissionStore::AddResult::kStored);
  REQUIRE(store.Reject("one", "Duplicate of an existing entry.", &error));
  CHECK_FALSE(fs::exists(store.PendingPath("one")));
  std::string reason;
  REQUIRE(ReadFile(dir.path() + "/submissions/rejected/one--20260101-ABCDEF.reason", &reason, &error));
  CHECK(reason.find("Duplicate of an existing entry.") != std::string::npos);
  CHECK(fs::exists(dir.path() + "/submissions/rejected/one--20260101-ABCDEF.md"));
  CHECK(SubmissionStore::NewReceipt() != SubmissionStore::NewReceipt());
}

TEST_CASE("the store: a folder that cannot be written is reported, not a crash") {
  test::TempDir dir;
  dir.Write("not-a-folder", "a file where the folder should be\n");
  SubmissionStore store(dir.path() + "/not-a-folder/submissions");
  std::string error;
  CHECK(store.Add("one", "R", "---\n---\n", &error) == SubmissionStore::AddResult::kUnavailable);
  CHECK(error.find("cannot create") != std::string::npos);
  std::vector<PendingSubmission> pending;
  CHECK(store.List(&pending, &error));  // nothing there
}

}  // namespace
}  // namespace praxis
