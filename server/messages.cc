#include "messages.h"

#include <dirent.h>

#include <algorithm>
#include <cstdlib>

#include <yaml-cpp/yaml.h>

#include "file_util.h"
#include "text_util.h"

namespace praxis {

namespace {

bool IsLanguageTag(std::string_view s) {
  if (s.size() < 2 || s.size() > 3) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

void Replace(std::string* text, std::string_view name, std::string_view value) {
  const std::string token = "{" + std::string(name) + "}";
  for (size_t at = text->find(token); at != std::string::npos;
       at = text->find(token, at + value.size())) {
    text->replace(at, token.size(), value);
  }
}

}  // namespace

const std::string& MessageCatalogue::Get(std::string_view key) const {
  auto it = strings_.find(key);
  if (it != strings_.end()) return it->second;
  if (fallback_) return fallback_->Get(key);
  static thread_local std::string missing;
  missing.assign(key);
  return missing;
}

bool MessageCatalogue::Has(std::string_view key) const {
  return strings_.find(key) != strings_.end() || (fallback_ && fallback_->Has(key));
}

std::string MessageCatalogue::Format(
    std::string_view key, const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string text = Get(key);
  for (const auto& [name, value] : args) Replace(&text, name, value);
  return text;
}

std::string MessageCatalogue::Plural(
    std::string_view key, long long n,
    const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string full = std::string(key) + "." + PluralCategory(lang_, n);
  if (!Has(full)) full = std::string(key) + ".other";
  std::string text = Get(full);
  Replace(&text, "count", Number(n));
  for (const auto& [name, value] : args) Replace(&text, name, value);
  return text;
}

std::string MessageCatalogue::Number(long long n) const {
  std::string digits = std::to_string(n < 0 ? -n : n);
  const std::string& separator = Get("number_group_separator");
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

const char* MessageCatalogue::PluralCategory(std::string_view lang, long long n) {
  const long long i = n < 0 ? -n : n;
  if (lang == "ru" || lang == "uk" || lang == "be") {
    if (i % 10 == 1 && i % 100 != 11) return "one";
    if (i % 10 >= 2 && i % 10 <= 4 && (i % 100 < 12 || i % 100 > 14)) return "few";
    return "many";
  }
  if (lang == "fr") return i <= 1 ? "one" : "other";
  return i == 1 ? "one" : "other";
}

bool Messages::Load(const std::string& dir, std::string* error) {
  catalogues_.clear();
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    *error = dir + ": cannot read the message catalogue folder";
    return false;
  }
  std::vector<std::string> files;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0 &&
        IsLanguageTag(name.substr(0, name.size() - 5))) {
      files.push_back(name);
    }
  }
  ::closedir(d);
  for (const std::string& file : files) {
    const std::string path = dir + "/" + file;
    std::string text;
    if (!ReadFile(path, &text, error)) return false;
    auto catalogue = std::make_unique<MessageCatalogue>();
    catalogue->lang_ = file.substr(0, file.size() - 5);
    try {
      YAML::Node root = YAML::Load(text);
      if (!root.IsMap()) {
        *error = path + ": a catalogue must be a YAML map of key: text";
        return false;
      }
      for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        if (it->second.IsMap()) {
          for (auto p = it->second.begin(); p != it->second.end(); ++p) {
            catalogue->strings_[key + "." + p->first.as<std::string>()] = p->second.as<std::string>();
          }
        } else {
          catalogue->strings_[key] = it->second.as<std::string>();
        }
      }
    } catch (const YAML::Exception& e) {
      *error = path + ": " + e.what();
      return false;
    }
    catalogues_[catalogue->lang_] = std::move(catalogue);
  }
  if (!catalogues_.count("en")) {
    *error = dir + "/en.yaml: the English catalogue is missing";
    return false;
  }
  for (auto& [lang, catalogue] : catalogues_) {
    if (lang != "en") catalogue->fallback_ = catalogues_.at("en").get();
  }
  return true;
}

const MessageCatalogue* Messages::Find(std::string_view lang) const {
  auto it = catalogues_.find(AsciiLower(lang));
  return it == catalogues_.end() ? nullptr : it->second.get();
}

const MessageCatalogue& Messages::Choose(std::string_view lang_param,
                                         std::string_view accept_language) const {
  if (const MessageCatalogue* c = Find(lang_param)) return *c;
  // Accept-Language: "fr-CH, fr;q=0.9, en;q=0.8". The highest quality available language wins;
  // ties keep the header's order.
  const MessageCatalogue* best = nullptr;
  double best_q = 0;
  size_t start = 0;
  while (start < accept_language.size()) {
    size_t end = accept_language.find(',', start);
    if (end == std::string_view::npos) end = accept_language.size();
    std::string_view item = Trim(accept_language.substr(start, end - start));
    start = end + 1;
    double q = 1;
    if (size_t semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view param = Trim(item.substr(semi + 1));
      if (param.rfind("q=", 0) == 0) q = std::strtod(std::string(param.substr(2)).c_str(), nullptr);
      item = Trim(item.substr(0, semi));
    }
    std::string_view primary = item.substr(0, item.find('-'));
    const MessageCatalogue* c = Find(primary);
    if (c && q > best_q) {
      best = c;
      best_q = q;
    }
  }
  return best ? *best : English();
}

std::vector<std::string> Messages::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, catalogue] : catalogues_) out.push_back(lang);
  return out;
}

}  // namespace praxis
