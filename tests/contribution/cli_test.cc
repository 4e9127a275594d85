// The real praxis-index binary: new, review, overlaps, and overlap warnings in --check and
// indexing.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "entry_draft.h"
#include "file_util.h"
#include "test_support.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;
using test::RunCommand;

std::string Index(const test::TempDir& dir, const std::string& args) {
  return std::string(PRAXIS_INDEX_BIN) + " --schemas " + test::SchemasDir() + " --content " +
         dir.path() + "/content --index " + dir.path() + "/var/index --submissions " + dir.path() +
         "/submissions " + args;
}

const char* kNewFlags =
    "--title 'Police cafés for parents in Graz' "
    "--summary 'Community officers meet parents in cafés once a month to talk about drugs.' "
    "--language en --country AT --theme community-policing,family-prevention "
    "--target-group parents-families --setting community-neighbourhood --actor police "
    "--actor municipality --evidence not-evaluated --start-year 2019 "
    "--source-url https://example.org/cafes --source-title 'Programme page'";

std::string FixtureFile(const std::string& relative) {
  return std::string(PRAXIS_SOURCE_DIR) + "/tests/fixtures/overlap/" + relative;
}

void Copy(const std::string& from, const std::string& to) {
  fs::create_directories(fs::path(to).parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

TEST_CASE("new writes a valid skeleton, prints its path, and the output passes --check") {
  test::TempDir dir;
  fs::create_directories(dir.path() + "/content");
  auto r = RunCommand(Index(dir, std::string("new ") + kNewFlags + " </dev/null"));
  REQUIRE_MESSAGE(r.status == 0, r.out);
  const std::string path = dir.path() + "/content/police-cafes-for-parents-in-graz.md";
  CHECK(r.out.rfind(path + "\n", 0) == 0);
  std::string text, error;
  REQUIRE(ReadFile(path, &text, &error));
  CHECK(text.find("updated: \"" + TodayIsoDate() + "\"") != std::string::npos);
  for (const char* section : {"## Context", "## What was done", "## Role of the police and partners",
                              "## Evidence and results", "## Lessons and transferability"}) {
    CHECK(text.find(section) != std::string::npos);
  }
  auto check = RunCommand(Index(dir, "--check"));
  CHECK_MESSAGE(check.status == 0, check.out);
  CHECK(check.out.find("no errors in 1 file") != std::string::npos);
}

TEST_CASE("new never overwrites, and without a terminal it asks nothing and writes nothing") {
  test::TempDir dir;
  fs::create_directories(dir.path() + "/content");
  REQUIRE(RunCommand(Index(dir, std::string("new ") + kNewFlags + " </dev/null")).status == 0);
  const std::string path = dir.path() + "/content/police-cafes-for-parents-in-graz.md";
  std::string before, after, error;
  REQUIRE(ReadFile(path, &before, &error));
  auto again = RunCommand(Index(dir, std::string("new ") + kNewFlags + " --organisation Other </dev/null"));
  CHECK(again.status == 1);
  CHECK(again.out.find("an entry with the id 'police-cafes-for-parents-in-graz' already exists") !=
        std::string::npos);
  REQUIRE(ReadFile(path, &after, &error));
  CHECK(before == after);

  auto missing = RunCommand(Index(dir, "new --title 'Only a title here' --country AT </dev/null"));
  CHECK(missing.status == 1);
  CHECK(missing.out.find("missing required field 'summary'") != std::string::npos);
  CHECK(missing.out.find("run in a terminal to be asked") != std::string::npos);
  CHECK(missing.out.find("summary (one paragraph") == std::string::npos);  // no prompt
  CHECK_FALSE(fs::exists(dir.path() + "/content/only-a-title-here.md"));

  auto invalid = RunCommand(Index(dir, std::string("new ") + kNewFlags + " --id other-id --setting schol </dev/null"));
  CHECK(invalid.status == 1);
  CHECK(invalid.out.find("'schol' is not a known value for 'settings' (did you mean 'school'?)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() + "/content/other-id.md"));
}

TEST_CASE("new asks for missing fields when run in a terminal") {
  if (RunCommand("command -v script").status != 0) {
    MESSAGE("skipped: util-linux 'script' is needed to give praxis-index a terminal");
    return;
  }
  test::TempDir dir;
  fs::create_directories(dir.path() + "/content");
  // The answers, one per question, in the order praxis-index asks (the fields' order).
  dir.Write("answers.txt",
            "Neighbourhood officers meet parents in cafés to talk about drugs and safety.\n"
            "en\n"
            "community-policing\n"
            "parents-families\n"
            "community-neighbourhood\n"
            "police\n"
            "not-evaluated\n"
            "2019\n"
            "https://example.org/cafes\n"
            "Programme page\n");
  const std::string command = Index(dir, "new --title \"Police cafés in Graz\" --country AT");
  auto r = RunCommand("script -qec '" + command + "' /dev/null < " + dir.path() + "/answers.txt");
  CHECK_MESSAGE(r.status == 0, r.out);
  CHECK(r.out.find("summary (one paragraph") != std::string::npos);
  CHECK(r.out.find("themes (comma-separated: community-policing,") != std::string::npos);
  CHECK(fs::exists(dir.path() + "/content/police-cafes-in-graz.md"));
  CHECK(RunCommand(Index(dir, "--check")).status == 0);
}

// Overlap scores need a corpus of realistic size (idf is weak among a handful of entries), so
// these tests run on a copy of the whole content folder.
int CopyContent(const test::TempDir& dir) {
  int copied = 0;
  for (const auto& f : fs::directory_iterator(std::string(PRAXIS_SOURCE_DIR) + "/content")) {
    if (f.path().extension() != ".md" || f.path().filename() == "README.md") continue;
    Copy(f.path().string(), dir.path() + "/content/" + f.path().filename().string());
    ++copied;
  }
  return copied;
}

TEST_CASE("--check and indexing warn about overlapping entries, naming both and a score") {
  test::TempDir dir;
  CopyContent(dir);
  REQUIRE(RunCommand(Index(dir, "-q")).status == 0);
  const std::string planted = dir.path() + "/content/halt-dutch-youth-out-of-court-sanction.md";
  const std::string original = dir.path() + "/content/halt-netherlands.md";
  Copy(FixtureFile("planted/halt-dutch-youth-out-of-court-sanction.md"), planted);

  auto check = RunCommand(Index(dir, "--check"));
  CHECK(check.status == 0);  // a warning, not an error
  CHECK(check.out.find(planted + ":1:1: warning: possible overlap with " + original + " (score 0.") !=
        std::string::npos);
  CHECK(check.out.find(original + ":1:1: warning: possible overlap with " + planted + " (score 0.") !=
        std::string::npos);

  const auto j = nlohmann::json::parse(RunCommand(Index(dir, "--check --format json 2>/dev/null")).out);
  int about_planted = 0;
  for (const auto& d : j["diagnostics"]) {
    const std::string text = d["file"].get<std::string>() + " " + d["message"].get<std::string>();
    if (text.find("halt-dutch-youth-out-of-court-sanction") != std::string::npos) {
      ++about_planted;
      CHECK(d["severity"] == "warning");
    }
  }
  CHECK(about_planted == 2);  // one on each file of the pair

  // Indexing compares what it added or changed with the rest of the index.
  auto index = RunCommand(Index(dir, ""));
  CHECK(index.status == 0);
  CHECK(index.out.find(planted + ":1:1: warning: possible overlap with " + original) != std::string::npos);
  CHECK(index.out.find("updated ") != std::string::npos);
  CHECK(RunCommand(Index(dir, "--check --no-overlaps")).out.find("halt-dutch") == std::string::npos);
}

TEST_CASE("overlaps lists clusters as text and JSON") {
  test::TempDir dir;
  const int copied = CopyContent(dir);
  for (const char* id : {"halt-dutch-youth-out-of-court-sanction", "irish-police-juvenile-diversion"}) {
    Copy(FixtureFile(std::string("planted/") + id + ".md"), dir.path() + "/content/" + id + ".md");
  }
  auto text = RunCommand(Index(dir, "overlaps"));
  CHECK(text.status == 0);
  CHECK(text.out.find("cluster 1: 2 entries") != std::string::npos);
  CHECK(text.out.find("    halt-dutch-youth-out-of-court-sanction ~ halt-netherlands  score 0.") != std::string::npos);

  auto json = RunCommand(Index(dir, "overlaps --format json"));
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["entries"] == copied + 2);
  std::set<std::string> pairs, clustered;
  for (const auto& c : j["clusters"]) {
    for (const auto& p : c["pairs"]) {
      pairs.insert(p["a"].get<std::string>() + " " + p["b"].get<std::string>());
      CHECK(p["score"].get<double>() >= j["threshold"].get<double>());
    }
    for (const auto& e : c["entries"]) clustered.insert(e["id"].get<std::string>());
  }
  CHECK(pairs.count("halt-dutch-youth-out-of-court-sanction halt-netherlands"));
  CHECK(pairs.count("garda-youth-diversion-programme irish-police-juvenile-diversion"));
  CHECK_FALSE(clustered.count("preventure"));
}

}  // namespace
}  // namespace praxis
