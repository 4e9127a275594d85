#include "templates.h"

#include <dirent.h>

#include <atomic>
#include <memory>
#include <utility>

#include "file_util.h"

namespace praxis {

namespace {

constexpr std::string_view kSuffix = ".mustache";

std::atomic<uint64_t> g_generation{0};

}  // namespace

bool TemplateSet::Load(const std::string& dir, std::string* error) {
  sources_.clear();
  partials_ = MustacheData(MustacheData::type::object);
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    *error = dir + ": cannot read the template folder";
    return false;
  }
  std::vector<std::string> files;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > kSuffix.size() && name[0] != '.' &&
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
      files.push_back(name);
    }
  }
  ::closedir(d);
  for (const std::string& file : files) {
    std::string text;
    if (!ReadFile(dir + "/" + file, &text, error)) return false;
    Mustache check(text);
    if (!check.is_valid()) {
      *error = dir + "/" + file + ": " + check.error_message();
      return false;
    }
    const std::string name = file.substr(0, file.size() - kSuffix.size());
    sources_[name] = text;
  }
  for (const auto& [name, text] : sources_) {
    const std::string* source = &text;
    partials_.set(name, kainjow::mustache::partial([source] { return *source; }));
  }
  generation_ = ++g_generation;
  return true;
}

std::unique_ptr<Mustache>& TemplateSet::Parsed(const std::string& name) const {
  thread_local std::map<std::pair<uint64_t, std::string>, std::unique_ptr<Mustache>> cache;
  auto& slot = cache[{generation_, name}];
  if (!slot) slot = std::make_unique<Mustache>(sources_.at(name));
  return slot;
}

std::string TemplateSet::Render(const std::string& name, const MustacheData& data,
                                const MustacheData& shared, std::string* error) const {
  if (!Has(name)) {
    *error = "no template named '" + name + "'";
    return {};
  }
  std::unique_ptr<Mustache>& tmpl = Parsed(name);
  kainjow::mustache::context<std::string> ctx(&partials_);
  ctx.push(&shared);
  ctx.push(&data);
  std::string out = tmpl->render(ctx);
  if (!tmpl->is_valid()) {
    *error = "template '" + name + "': " + tmpl->error_message();
    tmpl.reset();  // a failed render leaves the parsed template unusable
    return {};
  }
  return out;
}

}  // namespace praxis
