#include "served_content.h"

#include <filesystem>
#include <stdexcept>

#include "entry_validator.h"
#include "file_util.h"
#include "text_util.h"

namespace praxis::test {

namespace fs = std::filesystem;

ServedContent::ServedContent(const std::vector<std::string>& extra_files) {
  content = dir.path() + "/content";
  index = dir.path() + "/var/index";
  submissions = dir.path() + "/var/submissions";
  fs::create_directories(content);
  for (const auto& f : fs::directory_iterator(std::string(PRAXIS_SOURCE_DIR) + "/content")) {
    if (f.path().extension() == ".md") fs::copy_file(f.path(), content + "/" + f.path().filename().string());
  }
  for (const std::string& file : extra_files) {
    fs::copy_file(file, content + "/" + fs::path(file).filename().string());
  }
  const CommandResult r = IndexCommand("-q");
  if (r.status != 0) throw std::runtime_error("praxis-index failed: " + r.out);
}

bool ServedContent::Start(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--index", index, "--web", std::string(PRAXIS_SOURCE_DIR) + "/web",
                                  "--schemas", SchemasDir(), "--content", content,
                                  "--submissions", submissions, "--threads", "16"};
  all.insert(all.end(), args.begin(), args.end());
  return server.Start(all);
}

httplib::Client ServedContent::Client() const {
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(20, 0);
  c.set_write_timeout(20, 0);
  return c;
}

CommandResult ServedContent::IndexCommand(const std::string& args) const {
  return RunCommand(std::string(PRAXIS_INDEX_BIN) + " --schemas " + SchemasDir() + " --content " +
                    content + " --index " + index + " --submissions " + submissions + " " + args);
}

std::vector<std::string> ServedContent::PendingFiles() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(submissions + "/pending", ec)) {
    out.push_back(f.path().filename().string());
  }
  return out;
}

std::string EncodeForm(const FormFields& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* s : {&name, &value}) {
      for (unsigned char c : *s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else if (c == ' ') {
          out += '+';
        } else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
      }
      if (s == &name) out += '=';
    }
  }
  return out;
}

FormFields ValidForm(const std::string& title) {
  return {{"title", title},
          {"summary", "Community officers meet parents in cafés once a month to talk about "
                      "drugs, school and safety in the Zwiebelgasse neighbourhood."},
          {"language", "en"},
          {"countries", "AT"},
          {"themes", "community-policing"},
          {"themes", "family-prevention"},
          {"target_groups", "parents-families"},
          {"settings", "community-neighbourhood"},
          {"actors", "police"},
          {"actors", "municipality"},
          {"evidence", "not-evaluated"},
          {"start_year", "2019"},
          {"organisation", "Graz city police"},
          {"sources[1].title", "Programme page"},
          {"sources[1].url", "https://example.org/graz-cafes"},
          {"sources[2].title", "Evaluation plan"},
          {"sources[2].url", "https://example.org/graz-plan"},
          {"tags", "cafés, parents"},
          {"body", "## Context\r\n\r\nParents in the Zwiebelgasse asked to meet officers.\r\n"},
          {"homepage", ""},
          {"action", "submit"}};
}

FormFields FormFromEntry(const Entry& e) {
  FormFields f = {{"title", e.title}, {"summary", e.summary}, {"language", e.language},
                  {"evidence", e.evidence}, {"start_year", std::to_string(e.start_year)},
                  {"organisation", e.organisation}, {"body", e.body}, {"action", "submit"}};
  for (const auto& [name, values] : std::vector<std::pair<std::string, const std::vector<std::string>*>>{
           {"countries", &e.countries}, {"themes", &e.themes}, {"target_groups", &e.target_groups},
           {"settings", &e.settings}, {"actors", &e.actors}, {"age_bands", &e.age_bands},
           {"prevention_levels", &e.prevention_levels}}) {
    for (const std::string& v : *values) f.emplace_back(name, v);
  }
  for (size_t i = 0; i < e.sources.size(); ++i) {
    const std::string row = "sources[" + std::to_string(i + 1) + "].";
    f.emplace_back(row + "title", e.sources[i].title);
    f.emplace_back(row + "url", e.sources[i].url);
  }
  return f;
}

Entry ReadFixtureEntry(const std::string& path) {
  std::string text, error;
  if (!ReadFile(path, &text, &error)) throw std::runtime_error(error);
  EntryValidator validator(ProjectVocabulary());
  Entry e;
  std::vector<Diagnostic> diagnostics;
  if (!validator.Parse(text, path, "", &e, &diagnostics)) throw std::runtime_error("invalid fixture " + path);
  return e;
}

FormFields With(FormFields fields, const std::string& name, const std::string& value) {
  fields = Without(std::move(fields), name);
  fields.emplace_back(name, value);
  return fields;
}

FormFields Without(FormFields fields, const std::string& name) {
  std::erase_if(fields, [&](const auto& f) { return f.first == name; });
  return fields;
}

std::string HtmlEscaped(const std::string& text) {
  // The escaping of kainjow mustache, which the templates use.
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace praxis::test
