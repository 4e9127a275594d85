#include "config_file.h"

#include <filesystem>
#include <functional>
#include <set>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "file_util.h"

namespace praxis {

namespace {

namespace fs = std::filesystem;

// One key of the file: where it may appear, and how its value is checked and stored.
struct Key {
  const char* section;  // "" for the top level
  const char* name;
  // Stores the value; false with a message (without the location) when it is unacceptable.
  std::function<bool(const YAML::Node&, ConfigFile*, std::string*)> store;
};

std::string Location(const ConfigFile& config, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return config.path;
  return config.path + ":" + std::to_string(mark.line + 1);
}

bool ReadString(const YAML::Node& node, std::string* out, std::string* error) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    *error = "must be a non-empty text";
    return false;
  }
  *out = node.Scalar();
  return true;
}

auto PathKey(std::optional<std::string> ConfigFile::*member) {
  return [member](const YAML::Node& node, ConfigFile* config, std::string* error) {
    std::string value;
    if (!ReadString(node, &value, error)) {
      *error = "must be a path";
      return false;
    }
    const fs::path folder = fs::path(config->path).parent_path();
    if (fs::path(value).is_relative() && !folder.empty()) value = (folder / value).string();
    config->*member = fs::path(value).lexically_normal().string();
    return true;
  };
}

auto StringKey(std::optional<std::string> ConfigFile::*member) {
  return [member](const YAML::Node& node, ConfigFile* config, std::string* error) {
    std::string value;
    if (!ReadString(node, &value, error)) return false;
    config->*member = value;
    return true;
  };
}

auto IntKey(std::optional<int> ConfigFile::*member, int low, int high) {
  return [member, low, high](const YAML::Node& node, ConfigFile* config, std::string* error) {
    int value = 0;
    bool ok = node.IsScalar();
    if (ok) {
      try {
        value = node.as<int>();
      } catch (const YAML::Exception&) {
        ok = false;
      }
    }
    if (!ok || value < low || value > high) {
      *error = "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
      return false;
    }
    config->*member = value;
    return true;
  };
}

auto BoolKey(std::optional<bool> ConfigFile::*member) {
  return [member](const YAML::Node& node, ConfigFile* config, std::string* error) {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    if (text != "true" && text != "false") {
      *error = "must be true or false";
      return false;
    }
    config->*member = text == "true";
    return true;
  };
}

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = {
      {"", "index", PathKey(&ConfigFile::index)},
      {"", "schemas", PathKey(&ConfigFile::schemas)},
      {"", "content", PathKey(&ConfigFile::content)},
      {"", "submissions", PathKey(&ConfigFile::submissions)},
      {"server", "host", StringKey(&ConfigFile::server_host)},
      {"server", "port", IntKey(&ConfigFile::server_port, 0, 65535)},
      {"server", "web", PathKey(&ConfigFile::server_web)},
      {"server", "threads", IntKey(&ConfigFile::server_threads, 0, 256)},
      {"server", "log_queries", BoolKey(&ConfigFile::server_log_queries)},
      {"server", "review_token_file", PathKey(&ConfigFile::server_review_token_file)},
      {"server", "submissions_per_hour", IntKey(&ConfigFile::server_submissions_per_hour, 1, 100000)},
      {"indexer", "threads", IntKey(&ConfigFile::indexer_threads, 0, 64)},
  };
  return keys;
}

std::string KnownKeys(const std::string& section) {
  std::string out;
  for (const Key& key : Keys()) {
    if (section == key.section) out += (out.empty() ? "" : ", ") + std::string(key.name);
  }
  if (section.empty()) out += ", server, indexer";
  return out;
}

// Reads the keys of one map (the top level or a section) into *config.
bool ReadMap(const YAML::Node& map, const std::string& section, ConfigFile* config,
             std::string* error) {
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string name = it->first.IsScalar() ? it->first.Scalar() : "";
    const std::string where = Location(*config, it->first);
    const std::string qualified = section.empty() ? name : section + "." + name;
    if (!seen.insert(name).second) {
      *error = where + ": '" + qualified + "' is given twice";
      return false;
    }
    if (section.empty() && (name == "server" || name == "indexer")) {
      if (it->second.IsNull()) continue;
      if (!it->second.IsMap()) {
        *error = where + ": '" + name + "' must be a map of settings";
        return false;
      }
      if (!ReadMap(it->second, name, config, error)) return false;
      continue;
    }
    const Key* key = nullptr;
    for (const Key& k : Keys()) {
      if (section == k.section && name == k.name) key = &k;
    }
    if (!key) {
      *error = where + ": unknown key '" + qualified + "' (known here: " + KnownKeys(section) + ")";
      return false;
    }
    std::string problem;
    if (!key->store(it->second, config, &problem)) {
      *error = where + ": '" + qualified + "' " + problem;
      return false;
    }
  }
  return true;
}

}  // namespace

bool LoadConfigFile(const std::string& path, ConfigFile* config, std::string* error) {
  *config = ConfigFile{};
  config->path = path;
  std::string text;
  if (!ReadFile(path, &text, error)) {
    *error = path + ": cannot read the configuration file";
    return false;
  }
  try {
    const YAML::Node root = YAML::Load(text);
    if (root.IsNull()) return true;  // an empty file (or only comments) sets nothing
    if (!root.IsMap()) {
      *error = path + ": the configuration must be a YAML map of key: value";
      return false;
    }
    return ReadMap(root, "", config, error);
  } catch (const YAML::Exception& e) {
    *error = path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return false;
  }
}

std::string YamlScalar(const std::string& value) {
  YAML::Emitter out;
  out << value;
  return out.c_str();
}

}  // namespace praxis
