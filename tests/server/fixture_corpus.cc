#include "fixture_corpus.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "index_builder.h"
#include "synonyms.h"
#include "test_support.h"

namespace praxis::test {

namespace {

const std::vector<std::string> kCountries = {"DE", "FR", "KG", "US", "NO", "GB", "RU"};
const std::vector<std::string> kThemes = {"community-policing", "school-prevention",
                                          "harm-reduction", "diversion", "nightlife"};
const std::vector<std::string> kActors = {"police", "schools", "municipality", "ngos"};
const std::vector<std::string> kEvidence = {"established", "likely", "possible", "mixed",
                                            "not-evaluated", "no-effect"};

std::string List(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", \"" : "\"") + values[i] + "\"";
  return out + "]";
}

}  // namespace

std::vector<FixtureEntry> MakeFixtureEntries(int count) {
  std::vector<FixtureEntry> out;
  for (int i = 0; i < count; ++i) {
    FixtureEntry e;
    e.id = "fixture-" + std::to_string(100 + i);
    const bool russian = i % 7 == 6;
    e.language = russian ? "ru" : "en";
    e.countries = {russian ? "RU" : kCountries[static_cast<size_t>(i) % 6]};
    if (i % 5 == 0 && !russian) e.countries.push_back("KG");
    e.themes = {kThemes[static_cast<size_t>(i) % kThemes.size()]};
    if (i % 3 == 0) e.themes.push_back(kThemes[static_cast<size_t>(i + 2) % kThemes.size()]);
    e.actors = {kActors[static_cast<size_t>(i) % kActors.size()]};
    if (i % 2 == 0 && e.actors[0] != "police") e.actors.push_back("police");
    e.evidence = kEvidence[static_cast<size_t>(i) % kEvidence.size()];
    e.start_year = 2000 + (i * 7) % 21;
    e.updated = "2025-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-15";
    e.youth_participation = i % 4 == 1;
    e.mentions_cannabis = i % 3 == 1 && !russian;
    if (russian) {
      e.title = "Профилактика среди подростков номер " + std::to_string(i);
      e.body = "## Контекст\n\nУчастковые инспекторы проводят занятия с подростками в школах "
               "района.\n";
    } else {
      e.title = "Practice number " + std::to_string(i) + " on prevention with young people";
      e.body = "## Context\n\nOfficers and youth workers meet young people in the neighbourhood. ";
      if (e.mentions_cannabis) e.body += "The sessions discuss cannabis and its risks. ";
      if (i == 11) e.body += "A unique marker word: zephyrine. ";
      e.body += "\n";
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string RenderEntry(const FixtureEntry& e) {
  std::string text = "---\nid: " + e.id + "\ntitle: \"" + e.title + "\"\n";
  text += "summary: A fixture entry used by the tests of the search server, number " + e.id + ".\n";
  text += "language: " + e.language + "\ncountries: " + List(e.countries) + "\n";
  text += "themes: " + List(e.themes) + "\ntarget_groups: [all-youth]\nsettings: [school]\n";
  text += "actors: " + List(e.actors) + "\nevidence: " + e.evidence + "\n";
  text += "start_year: " + std::to_string(e.start_year) + "\n";
  text += std::string("youth_participation: ") + (e.youth_participation ? "true" : "false") + "\n";
  text += "gender_responsive: false\n";
  text += "sources:\n  - title: Fixture source\n    url: https://example.org/" + e.id + "\n";
  text += "updated: " + e.updated + "\n---\n\n" + e.body;
  return text;
}

void WriteFixture(const std::string& dir, const std::vector<FixtureEntry>& entries) {
  std::filesystem::create_directories(dir);
  for (const FixtureEntry& e : entries) {
    std::ofstream(dir + "/" + e.id + ".md", std::ios::binary) << RenderEntry(e);
  }
}

TestIndex IndexContent(const EntryValidator& validator, const std::string& content_dir,
                       const std::string& index_path, bool with_synonyms) {
  std::vector<SynonymSet> synonyms;
  if (with_synonyms) {
    std::string error;
    REQUIRE_MESSAGE(LoadSynonyms(SchemasDir() + "/synonyms.yaml", &synonyms, &error), error);
  }
  Indexer indexer(validator, synonyms, "test");
  IndexOptions options;
  options.content_dir = content_dir;
  options.index_path = index_path;
  IndexResult r;
  REQUIRE_MESSAGE(indexer.Run(options, &r), r.error);
  TestIndex index;
  index.db = std::make_unique<Xapian::Database>(index_path);
  index.facets = FacetIndex::Build(*index.db);
  return index;
}

}  // namespace praxis::test
