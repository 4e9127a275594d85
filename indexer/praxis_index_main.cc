// praxis-index: validates content/*.md and builds the search index.
//
//   praxis-index [--content content] [--index var/index] [--check] [--full] [--format json]
//
// Exit status: 0 success, 1 invalid entries or a failure, 2 a usage error.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "content_set.h"
#include "entry_validator.h"
#include "file_util.h"
#include "index_builder.h"
#include "synonyms.h"
#include "vocabulary.h"

namespace {

struct Settings {
  std::string content = "content";
  std::string index = "var/index";
  std::string schemas = "schemas";
  std::string format = "text";
  bool check = false;
  bool full = false;
  bool quiet = false;
  int threads = 0;
};

void PrintDiagnostics(const std::vector<praxis::Diagnostic>& diagnostics, int files,
                      const Settings& s, const nlohmann::json& extra) {
  const auto summary = praxis::Summarize(diagnostics);
  if (s.format == "json") {
    nlohmann::json out = extra;
    out["diagnostics"] = nlohmann::json::array();
    for (const auto& d : diagnostics) out["diagnostics"].push_back(praxis::DiagnosticToJson(d));
    out["summary"] = {{"files", files},
                      {"errors", summary.errors},
                      {"warnings", summary.warnings},
                      {"notes", summary.notes},
                      {"files_with_errors", summary.files_with_errors}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& d : diagnostics) std::cerr << praxis::FormatDiagnostic(d) << "\n";
  if (!s.quiet || summary.errors > 0) {
    std::cerr << praxis::FormatSummary(summary, files) << "\n";
  }
}

int Fail(const std::string& message) {
  std::cerr << "praxis-index: error: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{"Validate Praxis entries and build the search index."};
  app.add_option("--content", s.content, "Folder of entry files (*.md)");
  app.add_option("--index", s.index, "Index stub file to create or update");
  app.add_option("--schemas", s.schemas, "Folder with vocabulary.yaml and synonyms.yaml");
  app.add_flag("--check", s.check, "Validate only; do not touch the index");
  app.add_flag("--full", s.full, "Rebuild the whole index instead of applying changes");
  app.add_option("--format", s.format, "Diagnostics as text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--threads", s.threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(0, 64));
  app.add_flag("-q,--quiet", s.quiet, "Print only problems");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "praxis-index: " << e.what() << "\nRun with --help for usage.\n";
    return 2;
  }

  praxis::Vocabulary vocabulary;
  std::string error;
  if (!vocabulary.Load(s.schemas + "/vocabulary.yaml", &error)) return Fail(error);
  std::vector<praxis::SynonymSet> synonyms;
  std::string synonyms_text;
  if (!praxis::LoadSynonyms(s.schemas + "/synonyms.yaml", &synonyms, &error)) return Fail(error);
  praxis::ReadFile(s.schemas + "/synonyms.yaml", &synonyms_text, &error);
  praxis::EntryValidator validator(vocabulary);

  if (s.check) {
    std::vector<praxis::ContentFile> files;
    if (!praxis::ScanContent(s.content, &files, &error)) return Fail(error);
    std::vector<praxis::Diagnostic> diagnostics;
    bool ok = praxis::CheckAll(files, validator, s.threads, &diagnostics);
    PrintDiagnostics(diagnostics, static_cast<int>(files.size()), s, {{"ok", ok}});
    return ok ? 0 : 1;
  }

  const std::string fingerprint =
      praxis::ContentHash(vocabulary.source_text() + "\n--\n" + synonyms_text);
  praxis::Indexer indexer(validator, synonyms, fingerprint);
  praxis::IndexOptions options;
  options.content_dir = s.content;
  options.index_path = s.index;
  options.full = s.full;
  options.threads = s.threads;
  praxis::IndexResult r;
  const bool ok = indexer.Run(options, &r);

  nlohmann::json extra = {{"ok", ok},
                          {"index", s.index},
                          {"full_rebuild", r.full_rebuild},
                          {"added", r.added},
                          {"changed", r.changed},
                          {"removed", r.removed},
                          {"unchanged", r.unchanged}};
  if (!r.error.empty()) extra["error"] = r.error;
  PrintDiagnostics(r.diagnostics, r.files, s, extra);
  if (r.entries_invalid) {
    if (s.format == "text") {
      std::cerr << "praxis-index: index not updated: fix the errors above; the existing index "
                   "is unchanged\n";
    }
    return 1;
  }
  if (!ok) return s.format == "json" ? 1 : Fail(r.error + "; the existing index is unchanged");
  if (s.format == "text" && !s.quiet) {
    if (!r.index_changed) {
      std::cout << "index " << s.index << " is up to date (" << r.files << " entries)\n";
    } else if (r.full_rebuild) {
      std::cout << "indexed " << r.added << " entries into " << s.index << " (full build)\n";
    } else {
      std::cout << "updated " << s.index << ": " << r.added << " added, " << r.changed
                << " changed, " << r.removed << " removed, " << r.unchanged << " unchanged\n";
    }
  }
  return 0;
}
