#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace praxis::test {

namespace fs = std::filesystem;

std::string SchemasDir() { return std::string(PRAXIS_SOURCE_DIR) + "/schemas"; }

const Vocabulary& ProjectVocabulary() {
  static const Vocabulary* vocabulary = [] {
    auto* v = new Vocabulary();
    std::string error;
    if (!v->Load(SchemasDir() + "/vocabulary.yaml", &error)) throw std::runtime_error(error);
    return v;
  }();
  return *vocabulary;
}

std::string ValidEntry(const std::string& id, const std::string& extra) {
  return "---\n"
         "id: " + id + "\n"
         "title: Police and schools working together\n"
         "summary: Officers and teachers run joint lessons on drug risks for pupils aged 12 to 14.\n"
         "language: en\n"
         "countries: [DE, \"NO\"]\n"
         "themes: [police-school-partnership, school-prevention]\n"
         "target_groups: [all-youth]\n"
         "settings: [school]\n"
         "actors: [police, schools]\n"
         "age_bands: [early-adolescence]\n"
         "prevention_levels: [universal]\n"
         "evidence: not-evaluated\n"
         "start_year: 2015\n"
         "youth_participation: false\n"
         "gender_responsive: true\n"
         "sources:\n"
         "  - title: Programme description\n"
         "    url: https://example.org/programme\n"
         "updated: 2026-01-15\n" +
         extra +
         "---\n"
         "\n"
         "## Context\n"
         "\n"
         "Classroom visits by community officers, prepared together with teachers.\n";
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  if (pos == std::string::npos) throw std::runtime_error("test text lacks: " + from);
  return text.replace(pos, from.size(), to);
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "praxis-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& relative, const std::string& contents) const {
  fs::path p = fs::path(path_) / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << contents;
  return p.string();
}

CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> Formatted(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(FormatDiagnostic(d));
  return out;
}

}  // namespace praxis::test
