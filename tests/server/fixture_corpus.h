// A synthetic fixture corpus for the server tests: entries whose facets vary in a known,
// deterministic way, so expected counts can be computed with plain loops over this list,
// independently of the bitmaps and Xapian.
#pragma once

#include <string>
#include <vector>

namespace praxis::test {

struct FixtureEntry {
  std::string id;
  std::string title;
  std::string language;
  std::vector<std::string> countries;
  std::vector<std::string> themes;
  std::vector<std::string> actors;
  std::string evidence;
  int start_year = 2000;
  std::string updated;
  bool youth_participation = false;
  bool mentions_cannabis = false;
  std::string body;
};

std::vector<FixtureEntry> MakeFixtureEntries(int count);
std::string RenderEntry(const FixtureEntry& e);
// Writes the entries as <dir>/<id>.md.
void WriteFixture(const std::string& dir, const std::vector<FixtureEntry>& entries);

}  // namespace praxis::test
