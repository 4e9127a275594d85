#include "index_config.h"

#include "file_util.h"

namespace praxis {

bool LoadIndexConfig(const std::string& schemas_dir, IndexConfig* config, std::string* error) {
  if (!config->vocabulary.Load(schemas_dir + "/vocabulary.yaml", error)) return false;
  const std::string synonyms_path = schemas_dir + "/synonyms.yaml";
  if (!LoadSynonyms(synonyms_path, &config->synonyms, error)) return false;
  std::string synonyms_text;
  if (!ReadFile(synonyms_path, &synonyms_text, error)) return false;
  config->fingerprint = ContentHash(config->vocabulary.source_text() + "\n--\n" + synonyms_text);
  return true;
}

}  // namespace praxis
