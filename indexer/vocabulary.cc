#include "vocabulary.h"

#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "text_util.h"

namespace praxis {

namespace {

// A value is either `id: Label` or `id: {label: ..., definition: ..., maps_to: ...}`.
VocabularyValue ReadValue(const YAML::Node& key, const YAML::Node& value) {
  VocabularyValue v;
  v.id = key.as<std::string>();
  if (value.IsMap()) {
    v.label = value["label"] ? value["label"].as<std::string>() : v.id;
    if (value["definition"]) v.definition = value["definition"].as<std::string>();
    if (value["maps_to"]) v.maps_to = value["maps_to"].as<std::string>();
  } else {
    v.label = value.as<std::string>();
  }
  return v;
}

}  // namespace

bool Vocabulary::Load(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read the vocabulary file";
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  source_text_ = buffer.str();
  lists_.clear();
  countries_.clear();
  country_index_.clear();
  try {
    YAML::Node root = YAML::Load(source_text_);
    if (!root.IsMap()) {
      *error = path + ": the vocabulary must be a YAML map of lists";
      return false;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string list = it->first.as<std::string>();
      if (list == "regions") {
        auto& regions = lists_["regions"];
        auto& countries = lists_["countries"];
        for (auto r = it->second.begin(); r != it->second.end(); ++r) {
          VocabularyValue region = ReadValue(r->first, r->second);
          const bool partner = r->second["partner"] && r->second["partner"].as<bool>();
          const YAML::Node members = r->second["countries"];
          for (auto c = members.begin(); c != members.end(); ++c) {
            Country country{AsciiUpper(c->first.as<std::string>()), c->second.as<std::string>(),
                            region.id, partner};
            country_index_[country.code] = countries_.size();
            countries.push_back({country.code, country.name, "", ""});
            countries_.push_back(std::move(country));
          }
          regions.push_back(std::move(region));
        }
        continue;
      }
      auto& values = lists_[list];
      for (auto v = it->second.begin(); v != it->second.end(); ++v) {
        values.push_back(ReadValue(v->first, v->second));
      }
    }
  } catch (const YAML::Exception& e) {
    *error = path + ":" + std::to_string(e.mark.line + 1) + ":" +
             std::to_string(e.mark.column + 1) + ": " + e.msg;
    return false;
  }
  for (const char* required : {"themes", "target_groups", "settings", "actors", "age_bands",
                               "prevention_levels", "evidence", "regions", "languages"}) {
    if (!lists_.count(required)) {
      *error = path + ": the vocabulary has no '" + required + "' list";
      return false;
    }
  }
  return true;
}

const std::vector<VocabularyValue>* Vocabulary::List(std::string_view name) const {
  auto it = lists_.find(name);
  return it == lists_.end() ? nullptr : &it->second;
}

const VocabularyValue* Vocabulary::Find(std::string_view list, std::string_view id) const {
  const auto* values = List(list);
  if (!values) return nullptr;
  for (const auto& v : *values) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

std::vector<std::string> Vocabulary::Ids(std::string_view list) const {
  std::vector<std::string> ids;
  if (const auto* values = List(list)) {
    for (const auto& v : *values) ids.push_back(v.id);
  }
  return ids;
}

const Country* Vocabulary::FindCountry(std::string_view code) const {
  auto it = country_index_.find(AsciiUpper(code));
  return it == country_index_.end() ? nullptr : &countries_[it->second];
}

}  // namespace praxis
