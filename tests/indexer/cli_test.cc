// The real praxis-index binary, as contributors and CI call it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace praxis {
namespace {

using test::RunCommand;
using test::ValidEntry;

std::string Command(const test::TempDir& dir, const std::string& args) {
  return std::string(PRAXIS_INDEX_BIN) + " --schemas " + test::SchemasDir() + " --content " +
         dir.path() + "/content --index " + dir.path() + "/var/index " + args;
}

TEST_CASE("--check reports every problem in every file, then a summary, and exits 1") {
  test::TempDir dir;
  dir.Write("content/good-one.md", ValidEntry("good-one"));
  dir.Write("content/bad-one.md",
            test::Replace(ValidEntry("bad-one"), "settings: [school]", "settings: [schol]"));
  dir.Write("content/bad-two.md", "no front matter here\n");
  auto r = RunCommand(Command(dir, "--check"));
  CHECK(r.status == 1);
  const std::string content = dir.path() + "/content/";
  CHECK(r.out.find(content + "bad-one.md:9:12: error: 'schol' is not a known value for "
                             "'settings' (did you mean 'school'?)") != std::string::npos);
  CHECK(r.out.find(content + "bad-two.md:1:1: error: missing front matter") != std::string::npos);
  CHECK(r.out.find("2 errors in 2 of 3 files") != std::string::npos);
}

TEST_CASE("two files declaring the same id are both named") {
  test::TempDir dir;
  dir.Write("content/first-name.md", ValidEntry("shared-id"));
  dir.Write("content/second-name.md", ValidEntry("shared-id"));
  auto r = RunCommand(Command(dir, "--check"));
  CHECK(r.status == 1);
  const std::string content = dir.path() + "/content/";
  CHECK(r.out.find(content + "first-name.md:2:1: error: duplicate id 'shared-id': also used by " +
                   content + "second-name.md") != std::string::npos);
  CHECK(r.out.find(content + "second-name.md:2:1: error: duplicate id 'shared-id': also used by " +
                   content + "first-name.md") != std::string::npos);
}

TEST_CASE("--check --format json gives the same diagnostics as JSON") {
  test::TempDir dir;
  dir.Write("content/bad-one.md",
            test::Replace(ValidEntry("bad-one"), "settings: [school]", "settings: [schol]"));
  auto r = RunCommand(Command(dir, "--check --format json 2>/dev/null"));
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["line"] == 9);
  CHECK(j["diagnostics"][0]["column"] == 12);
  CHECK(j["diagnostics"][0]["severity"] == "error");
  CHECK(j["diagnostics"][0]["field"] == "settings");
  CHECK(j["summary"]["errors"] == 1);
}

TEST_CASE("indexing, an unchanged re-run, and a failed run that keeps the index") {
  test::TempDir dir;
  dir.Write("content/good-one.md", ValidEntry("good-one"));
  auto first = RunCommand(Command(dir, ""));
  CHECK(first.status == 0);
  CHECK(first.out.find("indexed 1 entries") != std::string::npos);
  auto second = RunCommand(Command(dir, ""));
  CHECK(second.status == 0);
  CHECK(second.out.find("is up to date") != std::string::npos);
  dir.Write("content/bad.md", "---\nid: bad\n");
  auto failed = RunCommand(Command(dir, ""));
  CHECK(failed.status == 1);
  CHECK(failed.out.find("index not updated") != std::string::npos);
  CHECK(failed.out.find("the existing index is unchanged") != std::string::npos);
}

TEST_CASE("usage errors exit 2") {
  test::TempDir dir;
  CHECK(RunCommand(Command(dir, "--no-such-option")).status == 2);
  CHECK(RunCommand(Command(dir, "--format xml")).status == 2);
  auto missing = RunCommand(std::string(PRAXIS_INDEX_BIN) + " --schemas " + test::SchemasDir() +
                            " --content /nonexistent-folder --check");
  CHECK(missing.status == 1);
  CHECK(missing.out.find("no such content folder") != std::string::npos);
}

TEST_CASE("the project's own content passes --check") {
  auto r = RunCommand(std::string(PRAXIS_INDEX_BIN) + " --check --schemas " + test::SchemasDir() +
                      " --content " + PRAXIS_SOURCE_DIR + "/content");
  CHECK_MESSAGE(r.status == 0, r.out);
}

}  // namespace
}  // namespace praxis
