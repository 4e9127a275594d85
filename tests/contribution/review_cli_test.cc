// praxis-index review: list, show, approve (validate, move into content/, reindex) and reject.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "entry_draft.h"
#include "file_util.h"
#include "submission_store.h"
#include "test_support.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;
using test::RunCommand;

std::string Review(const test::TempDir& dir, const std::string& args) {
  return std::string(PRAXIS_INDEX_BIN) + " --schemas " + test::SchemasDir() + " --content " +
         dir.path() + "/content --index " + dir.path() + "/var/index --submissions " + dir.path() +
         "/submissions review " + args;
}

// A pending submission as the server would store it.
void Submit(const test::TempDir& dir, const std::string& id, const std::string& text) {
  SubmissionStore store(dir.path() + "/submissions");
  std::string error;
  REQUIRE(store.Add(id, SubmissionStore::NewReceipt(), text, &error) == SubmissionStore::AddResult::kStored);
}

bool Indexed(const test::TempDir& dir, const std::string& id) {
  Xapian::Database db(dir.path() + "/var/index");
  return db.term_exists("Q" + id);
}

struct Desk {
  test::TempDir dir;
  Desk() {
    dir.Write("content/existing-one.md", test::ValidEntry("existing-one"));
    const auto r = RunCommand(std::string(PRAXIS_INDEX_BIN) + " -q --schemas " + test::SchemasDir() +
                              " --content " + dir.path() + "/content --index " + dir.path() + "/var/index");
    REQUIRE_MESSAGE(r.status == 0, r.out);
    Submit(dir, "new-practice", test::ValidEntry("new-practice"));
  }
};

TEST_CASE("review list and show: pending submissions with receipt, state and problems") {
  Desk d;
  Submit(d.dir, "broken-one",
         test::Replace(test::ValidEntry("broken-one"), "settings: [school]", "settings: [schol]"));
  auto list = RunCommand(Review(d.dir, "list"));
  INFO(list.out);
  CHECK(list.status == 0);
  CHECK(list.out.find("new-practice  ") != std::string::npos);
  CHECK(list.out.find("(valid, 1 possible overlap)") != std::string::npos);  // with existing-one
  CHECK(list.out.find("(1 error, 1 possible overlap)") != std::string::npos);
  auto json = nlohmann::json::parse(RunCommand(Review(d.dir, "list --format json")).out);
  CHECK(json["pending"].size() == 2);

  auto show = RunCommand(Review(d.dir, "show broken-one"));
  CHECK(show.status == 0);
  CHECK(show.out.find("INVALID") != std::string::npos);
  CHECK(show.out.find("'schol' is not a known value for 'settings' (did you mean 'school'?)") != std::string::npos);
  CHECK(RunCommand(Review(d.dir, "show no-such-thing")).status == 1);
  CHECK(RunCommand(Review(d.dir, "show ../../etc/passwd")).out.find("is not a submission id") != std::string::npos);
}

TEST_CASE("review approve validates, moves the file into content, reindexes") {
  Desk d;
  auto r = RunCommand(Review(d.dir, "approve new-practice"));
  REQUIRE_MESSAGE(r.status == 0, r.out);
  const std::string published = d.dir.path() + "/content/new-practice.md";
  CHECK(r.out.find("approved new-practice: " + published) != std::string::npos);
  CHECK(fs::exists(published));
  CHECK_FALSE(fs::exists(d.dir.path() + "/submissions/pending/new-practice.md"));
  std::string text, error;
  REQUIRE(ReadFile(published, &text, &error));
  CHECK(text == test::ValidEntry("new-practice"));  // the header comments are left behind
  CHECK(Indexed(d.dir, "new-practice"));
  CHECK(RunCommand(std::string(PRAXIS_INDEX_BIN) + " --check --schemas " + test::SchemasDir() +
                   " --content " + d.dir.path() + "/content").status == 0);
  CHECK(RunCommand(Review(d.dir, "approve new-practice")).status == 1);  // nothing pending now
}

TEST_CASE("review approve refuses an invalid submission and an id already in content") {
  Desk d;
  Submit(d.dir, "broken-one",
         test::Replace(test::ValidEntry("broken-one"), "settings: [school]", "settings: [schol]"));
  auto broken = RunCommand(Review(d.dir, "approve broken-one"));
  CHECK(broken.status == 1);
  CHECK(broken.out.find("'schol' is not a known value") != std::string::npos);
  CHECK(fs::exists(d.dir.path() + "/submissions/pending/broken-one.md"));
  CHECK_FALSE(fs::exists(d.dir.path() + "/content/broken-one.md"));

  // A file in a subfolder declaring the id counts too.
  d.dir.Write("content/sub/elsewhere.md", test::ValidEntry("elsewhere"));
  Submit(d.dir, "existing-one", test::ValidEntry("existing-one"));
  auto taken = RunCommand(Review(d.dir, "approve existing-one"));
  CHECK(taken.status == 1);
  CHECK(taken.out.find("an entry with the id 'existing-one' already exists") != std::string::npos);
  std::string text, error;
  REQUIRE(ReadFile(d.dir.path() + "/content/existing-one.md", &text, &error));
  CHECK(text == test::ValidEntry("existing-one"));
}

TEST_CASE("review reject moves the submission aside with its reason; a reason is required") {
  Desk d;
  CHECK(RunCommand(Review(d.dir, "reject new-practice")).status == 2);
  auto empty = RunCommand(Review(d.dir, "reject new-practice --reason '  '"));
  CHECK(empty.status == 1);
  CHECK(empty.out.find("give a reason") != std::string::npos);
  auto r = RunCommand(Review(d.dir, "reject new-practice --reason 'Already covered by existing-one.'"));
  REQUIRE_MESSAGE(r.status == 0, r.out);
  CHECK_FALSE(fs::exists(d.dir.path() + "/submissions/pending/new-practice.md"));
  bool reason_found = false;
  for (const auto& f : fs::directory_iterator(d.dir.path() + "/submissions/rejected")) {
    if (f.path().extension() != ".reason") continue;
    std::string text, error;
    REQUIRE(ReadFile(f.path().string(), &text, &error));
    reason_found = text.find("Already covered by existing-one.") != std::string::npos;
  }
  CHECK(reason_found);
  CHECK_FALSE(fs::exists(d.dir.path() + "/content/new-practice.md"));
  CHECK(RunCommand(Review(d.dir, "list")).out.find("no pending submissions") != std::string::npos);
}

}  // namespace
}  // namespace praxis
