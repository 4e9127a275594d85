// Overlap warnings for --check and indexing, and `praxis-index overlaps`.
#include <cstdio>
#include <iostream>

#include <xapian.h>

#include "cli_commands.h"
#include "content_set.h"
#include "index_layout.h"
#include "overlap.h"
#include "stored_entry.h"

namespace praxis::cli {

namespace {

std::string Score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

}  // namespace

std::vector<Diagnostic> EntryOverlapWarnings(const std::vector<Entry>& entries,
                                             const Vocabulary& vocabulary) {
  std::vector<Diagnostic> out;
  if (entries.size() < 2) return out;
  OverlapDetector detector(MemoryCorpus(entries, &vocabulary));
  for (const Entry& e : entries) {
    for (const OverlapMatch& m : detector.Find(e)) out.push_back(OverlapWarning(e, m));
  }
  return out;
}

std::vector<Diagnostic> IndexOverlapWarnings(const std::string& index_path,
                                             const std::vector<std::string>& ids, size_t limit,
                                             bool* skipped) {
  std::vector<Diagnostic> out;
  *skipped = ids.size() > limit;
  if (*skipped) return out;
  try {
    Xapian::Database db(index_path);
    OverlapDetector detector(db);
    for (const std::string& id : ids) {
      const std::string term = layout::kPrefixId + id;
      Xapian::PostingIterator p = db.postlist_begin(term);
      if (p == db.postlist_end(term)) continue;
      const Entry e = StoredEntry(db.get_document(*p), WithBody::kYes);
      for (const OverlapMatch& m : detector.Find(e)) out.push_back(OverlapWarning(e, m));
    }
  } catch (const Xapian::Error& e) {
    // The index is written and valid; only the comparison failed. Say so, do not fail the run.
    out.push_back({index_path, 1, 1, Severity::kNote,
                   "overlap check skipped: " + e.get_description(), ""});
  }
  return out;
}

int RunOverlaps(const Settings& s, const IndexConfig& config, const EntryValidator& validator,
                double threshold) {
  std::string error;
  std::vector<ContentFile> files;
  if (!ScanContent(s.content, &files, &error)) return Fail(error);
  std::vector<Diagnostic> diagnostics;
  std::vector<Entry> entries;
  CheckAll(files, validator, s.threads, &diagnostics, &entries);
  const OverlapReport report = FindOverlaps(entries, &config.vocabulary, threshold);
  const size_t invalid = files.size() - entries.size();

  if (s.format == "json") {
    nlohmann::json clusters = nlohmann::json::array();
    for (const OverlapCluster& c : report.clusters) {
      nlohmann::json members = nlohmann::json::array();
      for (const Entry* e : c.entries) {
        members.push_back({{"id", e->id}, {"title", e->title}, {"path", e->path},
                           {"countries", e->countries}, {"themes", e->themes}});
      }
      nlohmann::json pairs = nlohmann::json::array();
      for (const OverlapPair& p : c.pairs) {
        pairs.push_back({{"a", p.a}, {"b", p.b}, {"score", std::stod(Score(p.score))},
                         {"text_score", std::stod(Score(p.text_score))}});
      }
      clusters.push_back({{"entries", members}, {"pairs", pairs}});
    }
    std::cout << nlohmann::json{{"threshold", threshold},
                                {"entries", entries.size()},
                                {"entries_with_errors", invalid},
                                {"clusters", clusters}}
                     .dump(2)
              << "\n";
    return 0;
  }

  if (report.clusters.empty()) {
    std::cout << "no overlapping entries among " << entries.size() << " entries (threshold "
              << Score(threshold) << ")\n";
  }
  int number = 0;
  for (const OverlapCluster& c : report.clusters) {
    std::cout << "cluster " << ++number << ": " << c.entries.size() << " entries\n";
    for (const Entry* e : c.entries) std::cout << "  " << e->path << "  " << e->title << "\n";
    for (const OverlapPair& p : c.pairs) {
      std::cout << "    " << p.a << " ~ " << p.b << "  score " << Score(p.score) << " (text "
                << Score(p.text_score) << ")\n";
    }
  }
  if (invalid > 0) {
    std::cerr << "praxis-index: " << invalid
              << " entries with errors were left out; run praxis-index --check\n";
  }
  return 0;
}

}  // namespace praxis::cli
