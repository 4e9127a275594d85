#include "synonyms.h"

#include <yaml-cpp/yaml.h>

#include "file_util.h"
#include "languages.h"

namespace praxis {

bool LoadSynonyms(const std::string& path, std::vector<SynonymSet>* out, std::string* error) {
  std::string text;
  if (!ReadFile(path, &text, error)) return false;
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) {
      *error = path + ": expected a map of language codes";
      return false;
    }
    for (auto lang = root.begin(); lang != root.end(); ++lang) {
      for (auto w = lang->second.begin(); w != lang->second.end(); ++w) {
        SynonymSet set{lang->first.as<std::string>(), w->first.as<std::string>(), {}};
        const YAML::Node list = w->second;
        for (size_t i = 0; i < list.size(); ++i) set.synonyms.push_back(list[i].as<std::string>());
        out->push_back(std::move(set));
      }
    }
  } catch (const YAML::Exception& e) {
    *error = path + ":" + std::to_string(e.mark.line + 1) + ":" +
             std::to_string(e.mark.column + 1) + ": " + e.msg;
    return false;
  }
  return true;
}

void ApplySynonyms(const std::vector<SynonymSet>& sets, Xapian::WritableDatabase* db) {
  std::vector<std::string> keys;
  for (auto it = db->synonym_keys_begin(); it != db->synonym_keys_end(); ++it) {
    keys.push_back(*it);
  }
  for (const std::string& key : keys) db->clear_synonyms(key);
  for (const SynonymSet& set : sets) {
    Xapian::Stem stem = StemmerFor(set.language);
    for (const std::string& synonym : set.synonyms) {
      db->add_synonym(set.word, synonym);
      if (!stem.is_none()) db->add_synonym("Z" + stem(set.word), "Z" + stem(synonym));
    }
  }
}

}  // namespace praxis
