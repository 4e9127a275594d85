// `praxis-index new`: writes a valid entry skeleton into the content folder and prints its path.
//
// The entry is rendered and validated exactly as a web submission is (submission.h), so what it
// writes passes --check. Missing or invalid fields are asked for only when stdin is a terminal;
// otherwise their problems are printed and nothing is written. An existing entry is never
// overwritten: the file is created with link(2), which fails if the name exists.
#include <unistd.h>

#include <iostream>
#include <set>

#include "cli_commands.h"
#include "content_set.h"
#include "file_util.h"
#include "overlap.h"
#include "review_desk.h"
#include "submission.h"
#include "text_util.h"

namespace praxis::cli {

namespace {

constexpr int kMaxRounds = 5;

std::string Choices(const Vocabulary& vocabulary, const std::string& list) {
  std::string out;
  for (const std::string& id : vocabulary.Ids(list)) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// What to ask for a field, with its allowed values where the vocabulary has them.
std::string Question(const std::string& field, const Vocabulary& v) {
  if (field == "id") return "id (lowercase letters and digits joined by hyphens)";
  if (field == "title") return "title (5-200 characters)";
  if (field == "summary") return "summary (one paragraph, 20-1000 characters)";
  if (field == "language") return "language (ISO 639-1 code, e.g. en, de, fr, ru)";
  if (field == "countries") return "countries (ISO codes, comma-separated, e.g. DE, AT)";
  if (field == "evidence") return "evidence (one of: " + Choices(v, "evidence") + ")";
  if (field == "start_year") return "start_year (the year it started, e.g. 2015)";
  if (field == "end_year") return "end_year (empty while it runs)";
  for (const char* list : {"themes", "target_groups", "settings", "actors", "age_bands",
                           "prevention_levels"}) {
    if (field == list) return field + " (comma-separated: " + Choices(v, list) + ")";
  }
  return field + " (empty to leave out)";
}

bool Ask(const std::string& question, std::string* answer) {
  std::cerr << question << ": " << std::flush;
  if (!std::getline(std::cin, *answer)) return false;
  *answer = std::string(Trim(*answer));
  return true;
}

// Asks again for one field of the draft. False at end of input.
bool AskField(const std::string& field, const Vocabulary& vocabulary, EntryDraft* d) {
  std::string answer;
  if (field == "sources") {
    std::string url, title;
    if (!Ask("source URL (http:// or https://)", &url) || !Ask("source title", &title)) return false;
    d->sources = {{title, url, ""}};
    return true;
  }
  if (!Ask(Question(field, vocabulary), &answer)) return false;
  static const std::set<std::string> kLists = {"countries", "themes", "target_groups", "settings",
                                               "actors", "age_bands", "prevention_levels",
                                               "tags", "contributors"};
  if (kLists.count(field)) {
    std::vector<std::string> values = SplitList(answer);
    if (field == "countries") {
      for (std::string& c : values) c = AsciiUpper(c);
    }
    if (field == "countries") d->countries = values;
    if (field == "themes") d->themes = values;
    if (field == "target_groups") d->target_groups = values;
    if (field == "settings") d->settings = values;
    if (field == "actors") d->actors = values;
    if (field == "age_bands") d->age_bands = values;
    if (field == "prevention_levels") d->prevention_levels = values;
    if (field == "tags") d->tags = values;
    if (field == "contributors") d->contributors = values;
    return true;
  }
  std::string* target = field == "id"             ? &d->id
                        : field == "title"        ? &d->title
                        : field == "title_local"  ? &d->title_local
                        : field == "summary"      ? &d->summary
                        : field == "language"     ? &d->language
                        : field == "evidence"     ? &d->evidence
                        : field == "start_year"   ? &d->start_year
                        : field == "end_year"     ? &d->end_year
                        : field == "organisation" ? &d->organisation
                        : field == "website"      ? &d->website
                                                  : nullptr;
  if (target) *target = answer;
  if (field == "registry_ratings") d->registry_ratings.clear();
  if (field == "evaluations") d->evaluations.clear();
  return true;
}

// "sources[2].url" -> "sources"
std::string RootField(const std::string& field) {
  return field.substr(0, field.find_first_of("[."));
}

std::string DisplayPath(const Settings& s, const std::string& id) {
  std::string dir = s.content;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir + "/" + (id.empty() ? "new-entry" : id) + ".md";
}

// The entry already using `id` (by file name or declared id), or "".
std::string ExistingEntry(const std::vector<ContentFile>& files, const std::vector<Entry>& entries,
                          const std::string& id) {
  for (const ContentFile& f : files) {
    if (f.id == id) return f.path;
  }
  for (const Entry& e : entries) {
    if (e.id == id) return e.path;
  }
  return "";
}

}  // namespace

int RunNew(const Settings& s, const IndexConfig& config, const EntryValidator& validator,
           NewOptions o) {
  EntryDraft& d = o.draft;
  for (size_t i = 0; i < std::max(o.source_titles.size(), o.source_urls.size()); ++i) {
    d.sources.push_back({i < o.source_titles.size() ? o.source_titles[i] : "",
                         i < o.source_urls.size() ? o.source_urls[i] : "", ""});
  }
  for (std::string& c : d.countries) c = AsciiUpper(Trim(c));
  d.youth_participation = o.youth_participation ? "true" : "false";
  d.gender_responsive = o.gender_responsive ? "true" : "false";
  d.body = SkeletonBody();

  std::string error;
  std::vector<ContentFile> files;
  if (!ScanContent(s.content, &files, &error)) return Fail(error);
  std::vector<Entry> entries;
  std::vector<Diagnostic> ignored;
  CheckAll(files, validator, s.threads, &ignored, &entries);

  const bool interactive = ::isatty(0) == 1;
  PreparedSubmission p;
  for (int round = 0;; ++round) {
    if (d.id.empty()) d.id = IdFromTitle(d.title);
    p = PrepareSubmission(d, validator, DisplayPath(s, d.id));
    std::vector<std::string> failing;
    for (const Diagnostic& diag : p.diagnostics) {
      if (diag.severity != Severity::kError) continue;
      const std::string root = diag.field.empty() ? "id" : RootField(diag.field);
      if (std::find(failing.begin(), failing.end(), root) == failing.end()) failing.push_back(root);
    }
    std::string existing;
    if (failing.empty()) existing = ExistingEntry(files, entries, p.id);
    if (!existing.empty()) {
      p.diagnostics.push_back({p.entry.path, 1, 1, Severity::kError,
                               "an entry with the id '" + p.id + "' already exists: " + existing +
                                   "; choose another id" + (interactive ? "" : " with --id"),
                               "id"});
      failing.push_back("id");
    }
    if (failing.empty()) break;
    if (!interactive || round + 1 >= kMaxRounds) {
      PrintDiagnostics(p.diagnostics, 1, s, {{"ok", false}});
      if (!interactive && s.format == "text") {
        std::cerr << "praxis-index: nothing written: give the fields above as options "
                     "(praxis-index new --help), or run in a terminal to be asked for them\n";
      }
      return 1;
    }
    for (const Diagnostic& diag : p.diagnostics) {
      if (diag.severity == Severity::kError) std::cerr << SeverityName(diag.severity) << ": " << diag.message << "\n";
    }
    for (const std::string& field : failing) {
      if (field == "id") d.id.clear();
      if (!AskField(field, config.vocabulary, &d)) return Fail("no answer; nothing written");
      if (field == "title" && !d.title.empty()) d.id.clear();  // a new title makes a new id
    }
  }

  const std::string path = DisplayPath(s, p.id);
  bool exists = false;
  if (!CreateFileAtomically(path, p.file_text, &exists, &error)) {
    return Fail(exists ? path + " already exists; choose another id with --id" : error);
  }
  std::cout << path << "\n";

  std::vector<Diagnostic> report = p.diagnostics;  // notes and warnings only by now
  entries.push_back(p.entry);
  if (s.overlaps) {
    OverlapDetector detector(MemoryCorpus(entries, &config.vocabulary));
    for (const OverlapMatch& m : detector.Find(p.entry)) report.push_back(OverlapWarning(p.entry, m));
  }
  for (const Diagnostic& diag : report) std::cerr << FormatDiagnostic(diag) << "\n";
  return 0;
}

}  // namespace praxis::cli
