// praxis-index: validates content/*.md, builds the search index, and helps contributors and
// editors.
//
//   praxis-index [--content content] [--index var/index] [--check] [--full] [--format json]
//   praxis-index new --title TEXT --country XX ...     write a new entry skeleton
//   praxis-index review list | show ID | approve ID | reject ID --reason TEXT
//   praxis-index overlaps [--format json]               clusters of overlapping entries
//
// Exit status: 0 success, 1 invalid entries or a failure, 2 a usage error.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli_commands.h"
#include "cli_support.h"
#include "content_set.h"
#include "entry_validator.h"
#include "index_builder.h"
#include "index_cli_config.h"
#include "index_config.h"
#include "overlap.h"

namespace {

using praxis::cli::Fail;
using praxis::cli::PrintDiagnostics;
using praxis::cli::Settings;

// Overlap warnings (--check, indexing) compare at most this many entries at once: about 2 ms of
// CPU each, so a very large corpus is not held up; `praxis-index overlaps` has no limit.
constexpr size_t kOverlapEntryLimit = 5000;

int Check(const Settings& s, const praxis::IndexConfig& config,
          const praxis::EntryValidator& validator) {
  std::string error;
  std::vector<praxis::ContentFile> files;
  if (!praxis::ScanContent(s.content, &files, &error)) return Fail(error);
  std::vector<praxis::Diagnostic> diagnostics;
  std::vector<praxis::Entry> entries;
  const bool ok = praxis::CheckAll(files, validator, s.threads, &diagnostics, &entries);
  const bool compare = s.overlaps && entries.size() <= kOverlapEntryLimit;
  if (compare) {
    auto warnings = praxis::cli::EntryOverlapWarnings(entries, config.vocabulary);
    diagnostics.insert(diagnostics.end(), warnings.begin(), warnings.end());
    praxis::SortDiagnostics(&diagnostics);
  }
  PrintDiagnostics(diagnostics, static_cast<int>(files.size()), s, {{"ok", ok}});
  if (s.overlaps && !compare && s.format == "text" && !s.quiet) {
    std::cerr << "praxis-index: overlap check skipped for " << entries.size()
              << " entries at once; run praxis-index overlaps\n";
  }
  return ok ? 0 : 1;
}

int Index(const Settings& s, const praxis::IndexConfig& config,
          const praxis::EntryValidator& validator) {
  praxis::Indexer indexer(validator, config.synonyms, config.fingerprint);
  praxis::IndexOptions options;
  options.content_dir = s.content;
  options.index_path = s.index;
  options.full = s.full;
  options.threads = s.threads;
  praxis::IndexResult r;
  const bool ok = indexer.Run(options, &r);

  bool overlaps_skipped = false;
  if (ok && s.overlaps && !r.updated_ids.empty()) {
    auto warnings = praxis::cli::IndexOverlapWarnings(s.index, r.updated_ids, kOverlapEntryLimit,
                                                      &overlaps_skipped);
    r.diagnostics.insert(r.diagnostics.end(), warnings.begin(), warnings.end());
    praxis::SortDiagnostics(&r.diagnostics);
  }
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
    if (overlaps_skipped) {
      std::cout << "overlap check skipped for " << r.updated_ids.size()
                << " entries at once; run praxis-index overlaps\n";
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{"Validate Praxis entries, build the search index, add and review entries."};
  app.fallthrough();
  app.add_option("--content", s.content, "Folder of entry files (*.md)");
  app.add_option("--index", s.index, "Index stub file to create or update");
  app.add_option("--schemas", s.schemas, "Folder with vocabulary.yaml and synonyms.yaml");
  app.add_option("--submissions", s.submissions, "Folder of web submissions (pending/, rejected/)");
  app.add_flag("--check", s.check, "Validate only; do not touch the index");
  app.add_flag("--full", s.full, "Rebuild the whole index instead of applying changes");
  app.add_option("--format", s.format, "Output as text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--threads", s.threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(0, 64));
  app.add_flag("-q,--quiet", s.quiet, "Print only problems");
  app.add_flag("!--no-overlaps", s.overlaps, "Do not look for overlapping entries");

  praxis::cli::NewOptions n;
  CLI::App* new_cmd = app.add_subcommand("new", "Write a new entry skeleton into the content folder");
  new_cmd->fallthrough();
  new_cmd->add_option("--id", n.draft.id, "Id (default: made from the title)");
  new_cmd->add_option("--title", n.draft.title, "Title, 5-200 characters");
  new_cmd->add_option("--title-local", n.draft.title_local, "Title in the practice's own language");
  new_cmd->add_option("--summary", n.draft.summary, "One paragraph, 20-1000 characters");
  new_cmd->add_option("--language", n.draft.language, "ISO 639-1 code of the entry's text");
  new_cmd->add_option("--country", n.draft.countries, "ISO country code (repeat, or a,b)")->delimiter(',');
  new_cmd->add_option("--theme", n.draft.themes, "Theme id (repeat, or a,b)")->delimiter(',');
  new_cmd->add_option("--target-group", n.draft.target_groups, "Target group id")->delimiter(',');
  new_cmd->add_option("--setting", n.draft.settings, "Setting id")->delimiter(',');
  new_cmd->add_option("--actor", n.draft.actors, "Actor id")->delimiter(',');
  new_cmd->add_option("--age-band", n.draft.age_bands, "Age band id")->delimiter(',');
  new_cmd->add_option("--prevention-level", n.draft.prevention_levels, "Prevention level id")->delimiter(',');
  new_cmd->add_option("--evidence", n.draft.evidence, "Evidence level id");
  new_cmd->add_option("--start-year", n.draft.start_year, "Year the practice started");
  new_cmd->add_option("--end-year", n.draft.end_year, "Year it ended (omit while it runs)");
  new_cmd->add_option("--organisation", n.draft.organisation, "Implementing organisation");
  new_cmd->add_option("--website", n.draft.website, "Website (http:// or https://)");
  new_cmd->add_flag("--youth-participation", n.youth_participation, "Young people took part in design or delivery");
  new_cmd->add_flag("--gender-responsive", n.gender_responsive, "Addresses young women and men differently");
  new_cmd->add_option("--source-url", n.source_urls, "URL of a source (repeat)");
  new_cmd->add_option("--source-title", n.source_titles, "Title of that source (repeat, same order)");
  new_cmd->add_option("--tag", n.draft.tags, "Free keyword (repeat)");
  new_cmd->add_option("--contributor", n.draft.contributors, "Contributor name (repeat)");

  praxis::cli::ReviewOptions r;
  CLI::App* review_cmd = app.add_subcommand("review", "List, show, approve or reject web submissions");
  review_cmd->fallthrough();
  review_cmd->require_subcommand(1);
  review_cmd->add_subcommand("list", "Pending submissions, oldest first")->fallthrough();
  review_cmd->add_subcommand("show", "One submission, its problems and possible overlaps")
      ->fallthrough()->add_option("id", r.id, "Submission id")->required();
  review_cmd->add_subcommand("approve", "Validate, move into the content folder and reindex")
      ->fallthrough()->add_option("id", r.id, "Submission id")->required();
  CLI::App* reject_cmd = review_cmd->add_subcommand("reject", "Move to the rejected folder with a reason");
  reject_cmd->fallthrough();
  reject_cmd->add_option("id", r.id, "Submission id")->required();
  reject_cmd->add_option("--reason", r.reason, "Why (kept beside the rejected file)")->required();

  double threshold = praxis::kOverlapThreshold;
  CLI::App* overlaps_cmd = app.add_subcommand("overlaps", "Clusters of overlapping entries");
  overlaps_cmd->fallthrough();
  overlaps_cmd->add_option("--threshold", threshold, "Lowest score reported (0-1)")
      ->check(CLI::Range(0.0, 1.0));

  praxis::cli::ConfigFileOptions config_file;
  praxis::cli::AddConfigFileOptions(app, &config_file);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "praxis-index: " << e.what() << "\nRun with --help for usage.\n";
    return 2;
  }
  if (int status = praxis::cli::ApplyConfigFile(app, config_file, &s); status >= 0) return status;
  const bool subcommand = new_cmd->parsed() || review_cmd->parsed() || overlaps_cmd->parsed();
  if (subcommand && (s.check || s.full)) {
    std::cerr << "praxis-index: --check and --full apply to indexing only\n"
                 "Run with --help for usage.\n";
    return 2;
  }

  praxis::IndexConfig config;
  std::string error;
  if (!praxis::LoadIndexConfig(s.schemas, &config, &error)) return Fail(error);
  praxis::EntryValidator validator(config.vocabulary);

  if (new_cmd->parsed()) return praxis::cli::RunNew(s, config, validator, std::move(n));
  if (review_cmd->parsed()) {
    for (const char* action : {"list", "show", "approve", "reject"}) {
      if (review_cmd->got_subcommand(action)) r.action = action;
    }
    return praxis::cli::RunReview(s, config, validator, r);
  }
  if (overlaps_cmd->parsed()) return praxis::cli::RunOverlaps(s, config, validator, threshold);
  if (s.check) return Check(s, config, validator);
  return Index(s, config, validator);
}
