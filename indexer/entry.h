// The entry model: one good practice, as read from content/<id>.md.
//
// An Entry is plain data. EntryValidator builds it from a file; the index stores it as JSON in
// each document's data (see index_layout.h), so the server reads back exactly this structure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace praxis {

struct Source {
  std::string title;
  std::string url;
  std::optional<int> year;
};

struct RegistryRating {
  std::string registry;
  std::string rating;  // the registry's own words
  std::string url;
  std::string checked;  // YYYY-MM-DD
};

struct Evaluation {
  std::string design;  // rct, quasi-experimental, pre-post, qualitative, process, other
  std::optional<int> year;
  std::string finding;
  std::string url;
};

struct Entry {
  std::string id;
  std::string title;
  std::string title_local;
  std::string summary;
  std::string language;
  std::vector<std::string> countries;  // upper-case ISO codes
  std::vector<std::string> regions;    // derived from countries, never typed
  std::vector<std::string> themes;
  std::vector<std::string> target_groups;
  std::vector<std::string> settings;
  std::vector<std::string> actors;
  std::vector<std::string> age_bands;
  std::vector<std::string> prevention_levels;
  std::string evidence;
  std::vector<RegistryRating> registry_ratings;
  std::vector<Evaluation> evaluations;
  int start_year = 0;
  std::optional<int> end_year;
  std::string organisation;
  std::string website;
  bool youth_participation = false;
  bool gender_responsive = false;
  std::vector<Source> sources;
  std::string updated;  // YYYY-MM-DD
  std::vector<std::string> tags;
  std::vector<std::string> contributors;

  std::string body;  // Markdown, as written
  std::string path;  // the file it came from, as shown in diagnostics
  int id_line = 1;   // the line of the `id:` field, for diagnostics (not stored)
};

// The values of a multi-valued or single-valued field by its front-matter name, for the
// fields the index treats as facets ("countries", "evidence", "youth_participation", ...).
std::vector<std::string> FacetValues(const Entry& entry, const std::string& field);

void to_json(nlohmann::json& j, const Entry& e);
void from_json(const nlohmann::json& j, Entry& e);

}  // namespace praxis
