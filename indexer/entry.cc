#include "entry.h"

namespace praxis {

std::vector<std::string> FacetValues(const Entry& e, const std::string& field) {
  if (field == "countries") return e.countries;
  if (field == "regions") return e.regions;
  if (field == "themes") return e.themes;
  if (field == "target_groups") return e.target_groups;
  if (field == "settings") return e.settings;
  if (field == "actors") return e.actors;
  if (field == "age_bands") return e.age_bands;
  if (field == "prevention_levels") return e.prevention_levels;
  if (field == "evidence") return {e.evidence};
  if (field == "language") return {e.language};
  if (field == "youth_participation") return {e.youth_participation ? "true" : "false"};
  if (field == "gender_responsive") return {e.gender_responsive ? "true" : "false"};
  return {};
}

namespace {

template <typename T>
void PutOptional(nlohmann::json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

void PutIfSet(nlohmann::json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

template <typename T>
std::optional<T> GetOptional(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

std::string GetString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? std::string() : it->get<std::string>();
}

std::vector<std::string> GetList(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? std::vector<std::string>() : it->get<std::vector<std::string>>();
}

}  // namespace

void to_json(nlohmann::json& j, const Entry& e) {
  j = nlohmann::json::object();
  j["id"] = e.id;
  j["title"] = e.title;
  PutIfSet(j, "title_local", e.title_local);
  j["summary"] = e.summary;
  j["language"] = e.language;
  j["countries"] = e.countries;
  j["regions"] = e.regions;
  j["themes"] = e.themes;
  j["target_groups"] = e.target_groups;
  j["settings"] = e.settings;
  j["actors"] = e.actors;
  j["age_bands"] = e.age_bands;
  j["prevention_levels"] = e.prevention_levels;
  j["evidence"] = e.evidence;
  j["registry_ratings"] = nlohmann::json::array();
  for (const auto& r : e.registry_ratings) {
    j["registry_ratings"].push_back(
        {{"registry", r.registry}, {"rating", r.rating}, {"url", r.url}, {"checked", r.checked}});
  }
  j["evaluations"] = nlohmann::json::array();
  for (const auto& ev : e.evaluations) {
    nlohmann::json o = {{"design", ev.design}, {"finding", ev.finding}, {"url", ev.url}};
    PutOptional(o, "year", ev.year);
    j["evaluations"].push_back(o);
  }
  j["start_year"] = e.start_year;
  PutOptional(j, "end_year", e.end_year);
  PutIfSet(j, "organisation", e.organisation);
  PutIfSet(j, "website", e.website);
  j["youth_participation"] = e.youth_participation;
  j["gender_responsive"] = e.gender_responsive;
  j["sources"] = nlohmann::json::array();
  for (const auto& s : e.sources) {
    nlohmann::json o = {{"title", s.title}, {"url", s.url}};
    PutOptional(o, "year", s.year);
    j["sources"].push_back(o);
  }
  j["updated"] = e.updated;
  j["tags"] = e.tags;
  j["contributors"] = e.contributors;
  j["body"] = e.body;
  j["path"] = e.path;
}

void from_json(const nlohmann::json& j, Entry& e) {
  e.id = GetString(j, "id");
  e.title = GetString(j, "title");
  e.title_local = GetString(j, "title_local");
  e.summary = GetString(j, "summary");
  e.language = GetString(j, "language");
  e.countries = GetList(j, "countries");
  e.regions = GetList(j, "regions");
  e.themes = GetList(j, "themes");
  e.target_groups = GetList(j, "target_groups");
  e.settings = GetList(j, "settings");
  e.actors = GetList(j, "actors");
  e.age_bands = GetList(j, "age_bands");
  e.prevention_levels = GetList(j, "prevention_levels");
  e.evidence = GetString(j, "evidence");
  e.registry_ratings.clear();
  for (const auto& r : j.value("registry_ratings", nlohmann::json::array())) {
    e.registry_ratings.push_back({GetString(r, "registry"), GetString(r, "rating"),
                                  GetString(r, "url"), GetString(r, "checked")});
  }
  e.evaluations.clear();
  for (const auto& ev : j.value("evaluations", nlohmann::json::array())) {
    e.evaluations.push_back({GetString(ev, "design"), GetOptional<int>(ev, "year"),
                             GetString(ev, "finding"), GetString(ev, "url")});
  }
  e.start_year = j.value("start_year", 0);
  e.end_year = GetOptional<int>(j, "end_year");
  e.organisation = GetString(j, "organisation");
  e.website = GetString(j, "website");
  e.youth_participation = j.value("youth_participation", false);
  e.gender_responsive = j.value("gender_responsive", false);
  e.sources.clear();
  for (const auto& s : j.value("sources", nlohmann::json::array())) {
    e.sources.push_back({GetString(s, "title"), GetString(s, "url"), GetOptional<int>(s, "year")});
  }
  e.updated = GetString(j, "updated");
  e.tags = GetList(j, "tags");
  e.contributors = GetList(j, "contributors");
  e.body = GetString(j, "body");
  e.path = GetString(j, "path");
}

}  // namespace praxis
