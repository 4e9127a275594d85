#include "vocabulary.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "text_util.h"

namespace praxis {

namespace {

bool IsLanguageCode(const std::string& s) {
  return (s.size() == 2 || s.size() == 3) &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A text is English (`Police`) or a map of language code to text with English required
// (`{en: Police, ru: Полиция}`). The English text goes to *english, the others to *others.
void ReadText(const YAML::Node& node, std::string* english, Translations* others) {
  if (!node.IsMap()) {
    *english = node.as<std::string>();
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string lang = it->first.as<std::string>();
    if (!IsLanguageCode(lang)) {
      throw YAML::Exception(it->first.Mark(), "'" + lang + "' is not a language code (en, ru, fr, ...)");
    }
    if (lang == "en") {
      *english = it->second.as<std::string>();
    } else {
      (*others)[lang] = it->second.as<std::string>();
    }
  }
  if (english->empty()) throw YAML::Exception(node.Mark(), "a translated text needs its English ('en')");
}

// A value is `id: Label`, `id: {en: Label, ru: ...}`, or
// `id: {label: <text>, definition: <text>, maps_to: ...}` where a <text> is either of the first two.
VocabularyValue ReadValue(const YAML::Node& key, const YAML::Node& value) {
  VocabularyValue v;
  v.id = key.as<std::string>();
  bool language_map = value.IsMap();
  for (auto it = value.begin(); language_map && it != value.end(); ++it) {
    language_map = IsLanguageCode(it->first.as<std::string>());
  }
  if (!value.IsMap() || language_map) {
    ReadText(value, &v.label, &v.labels);
    return v;
  }
  v.label = v.id;
  if (value["label"]) ReadText(value["label"], &v.label, &v.labels);
  if (value["definition"]) ReadText(value["definition"], &v.definition, &v.definitions);
  if (value["maps_to"]) v.maps_to = value["maps_to"].as<std::string>();
  return v;
}

const std::string& Translated(const std::string& english, const Translations& others,
                              std::string_view lang) {
  auto it = others.find(lang);
  return it == others.end() ? english : it->second;
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
            Country country{AsciiUpper(c->first.as<std::string>()), "", region.id, partner, {}};
            ReadText(c->second, &country.name, &country.names);
            country_index_[country.code] = countries_.size();
            VocabularyValue as_value;
            as_value.id = country.code;
            as_value.label = country.name;
            as_value.labels = country.names;
            countries.push_back(std::move(as_value));
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

const std::string& VocabularyValue::Label(std::string_view lang) const {
  return Translated(label, labels, lang);
}

const std::string& VocabularyValue::Definition(std::string_view lang) const {
  return Translated(definition, definitions, lang);
}

const std::string& Country::Name(std::string_view lang) const {
  return Translated(name, names, lang);
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
