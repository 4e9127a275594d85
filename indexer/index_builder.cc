#include "index_builder.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <xapian.h>

#include "document_builder.h"
#include "file_util.h"
#include "index_layout.h"

namespace praxis {

namespace fs = std::filesystem;
namespace L = layout;

namespace {

// Above this many changed files a parallel full build beats applying changes one by one.
constexpr size_t kIncrementalLimit = 2000;

// Xapian buffers this many documents per writer before flushing. Its default (10,000) makes
// peak memory grow with the corpus; a smaller batch is both leaner and faster here.
constexpr const char* kFlushThreshold = "2000";

struct IndexedFile {
  Xapian::docid docid = 0;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  std::string hash;
  bool present = false;  // the file is still in the content folder
};

// What the index remembers of each file: id -> state, from kSlotFileState.
std::unordered_map<std::string, IndexedFile> ReadIndexedFiles(const Xapian::Database& db) {
  std::unordered_map<std::string, IndexedFile> out;
  out.reserve(db.get_doccount());
  for (auto it = db.valuestream_begin(L::kSlotFileState); it != db.valuestream_end(L::kSlotFileState);
       ++it) {
    const std::string state = *it;
    size_t a = state.find('\t');
    size_t b = state.find('\t', a + 1);
    size_t c = state.find('\t', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos) continue;
    IndexedFile f;
    f.docid = it.get_docid();
    f.size = std::strtoull(state.c_str() + a + 1, nullptr, 10);
    f.mtime_ns = std::strtoll(state.c_str() + b + 1, nullptr, 10);
    f.hash = state.substr(c + 1);
    out[state.substr(0, a)] = f;
  }
  return out;
}

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

// Ids are file names, so they rarely repeat: a set finds out quickly whether the full report
// on duplicates is needed.
bool HasDuplicateIds(const std::vector<ContentFile>& files) {
  std::unordered_set<std::string_view> ids;
  ids.reserve(files.size());
  for (const ContentFile& file : files) {
    if (!ids.insert(file.id).second) return true;
  }
  return false;
}

// Spelling data for a full build, counted per shard and written once at the end. Feeding Xapian
// word by word (TermGenerator's FLAG_SPELLING) costs a map lookup per word and a merge at every
// flush. The table comes out the same: every unprefixed word once per occurrence, which is once
// per position (DocumentBuilder indexes all text with positions, one for each occurrence).
class SpellingCounts {
 public:
  void Count(const Xapian::Document& doc) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // a prefixed term
      counts_[term] += it.positionlist_count();
    }
  }
  void AddTo(Xapian::WritableDatabase* db) const {
    for (const auto& [word, count] : counts_) db->add_spelling(word, count);
  }

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;
};

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void SetMetadata(Xapian::WritableDatabase* db, const std::string& fingerprint) {
  db->set_metadata(L::kMetaSchema, L::kSchemaVersion);
  db->set_metadata(L::kMetaConfigHash, fingerprint);
  db->set_metadata(L::kMetaBuiltAt, NowIso());
}

}  // namespace

Indexer::Indexer(const EntryValidator& validator, std::vector<SynonymSet> synonyms,
                 std::string config_fingerprint)
    : validator_(validator),
      synonyms_(std::move(synonyms)),
      config_fingerprint_(std::move(config_fingerprint)) {
  setenv("XAPIAN_FLUSH_THRESHOLD", kFlushThreshold, /*overwrite=*/0);
}

bool Indexer::Run(const IndexOptions& options, IndexResult* result) const {
  std::vector<ContentFile> files;
  if (!ScanContent(options.content_dir, &files, &result->error)) return false;
  result->files = static_cast<int>(files.size());

  IndexStore store(options.index_path);
  if (!store.Lock(&result->error)) return false;

  try {
    std::optional<std::string> current = store.CurrentGeneration();
    if (options.full || !current) return FullBuild(options, files, &store, result);

    Xapian::WritableDatabase db(*current, Xapian::DB_OPEN);
    if (db.get_metadata(L::kMetaSchema) != L::kSchemaVersion ||
        db.get_metadata(L::kMetaConfigHash) != config_fingerprint_) {
      db.close();
      return FullBuild(options, files, &store, result);
    }

    std::vector<Diagnostic>& diagnostics = result->diagnostics;
    if (HasDuplicateIds(files)) CheckDuplicateIds(IdUsesOfFileNames(files), &diagnostics);
    std::unordered_map<std::string, IndexedFile> indexed = ReadIndexedFiles(db);

    std::vector<LoadedEntry> updates;
    std::vector<bool> is_new;
    bool valid = diagnostics.empty();
    for (const ContentFile& file : files) {
      auto it = indexed.find(file.id);
      if (it != indexed.end()) it->second.present = true;
      if (it != indexed.end() && it->second.size == file.size &&
          it->second.mtime_ns == file.mtime_ns) {
        ++result->unchanged;
        continue;
      }
      std::string text, error;
      if (!ReadFile(file.path, &text, &error)) {
        diagnostics.push_back({file.path, 1, 1, Severity::kError, error, ""});
        valid = false;
        continue;
      }
      const std::string hash = ContentHash(text);
      if (it != indexed.end() && it->second.hash == hash) {
        ++result->unchanged;  // touched, not changed
        continue;
      }
      if (updates.size() >= kIncrementalLimit) {
        db.close();
        result->diagnostics.clear();
        result->unchanged = 0;
        return FullBuild(options, files, &store, result);
      }
      LoadedEntry loaded;
      loaded.file_state = FileStateString(file, hash);
      loaded.valid = validator_.Parse(text, file.path, file.id, &loaded.entry, &diagnostics);
      loaded.entry.path = file.path;
      valid = valid && loaded.valid;
      is_new.push_back(it == indexed.end());
      updates.push_back(std::move(loaded));
    }
    SortDiagnostics(&diagnostics);
    if (!valid) {
      result->entries_invalid = true;
      return false;
    }

    std::vector<std::string> removed;
    for (const auto& [id, state] : indexed) {
      if (!state.present) removed.push_back(id);
    }
    std::sort(removed.begin(), removed.end());
    result->generation = *current;
    if (updates.empty() && removed.empty()) return true;

    DocumentBuilder builder(&db, &validator_.vocabulary());
    for (size_t i = 0; i < updates.size(); ++i) {
      const LoadedEntry& u = updates[i];
      db.replace_document(L::kPrefixId + u.entry.id, builder.Build(u.entry, u.file_state));
      result->updated_ids.push_back(u.entry.id);
      ++(is_new[i] ? result->added : result->changed);
    }
    for (const std::string& id : removed) {
      db.delete_document(L::kPrefixId + id);
      ++result->removed;
    }
    db.set_metadata(L::kMetaBuiltAt, NowIso());
    db.commit();
    db.close();
    result->index_changed = true;
    if (!store.Touch(&result->error)) return false;
    return true;
  } catch (const Xapian::Error& e) {
    result->error = "index " + options.index_path + ": " + e.get_description();
    return false;
  }
}

bool Indexer::FullBuild(const IndexOptions& options, const std::vector<ContentFile>& files,
                        IndexStore* store, IndexResult* result) const {
  result->full_rebuild = true;
  std::vector<Diagnostic>& diagnostics = result->diagnostics;
  if (HasDuplicateIds(files)) CheckDuplicateIds(IdUsesOfFileNames(files), &diagnostics);
  if (!diagnostics.empty()) {
    result->entries_invalid = true;
    return false;
  }

  const std::string scratch = store->ScratchFolder();
  std::error_code ec;
  fs::remove_all(scratch, ec);
  fs::create_directories(scratch, ec);
  if (ec) {
    result->error = "cannot create " + scratch + ": " + ec.message();
    return false;
  }
  auto cleanup = [&] { fs::remove_all(scratch, ec); };

  // Each thread parses and indexes its share into its own shard: Xapian writers are
  // single-threaded, so separate databases are how the second core helps.
  const int threads = std::min<int>(ThreadCount(options.threads),
                                    std::max<int>(1, static_cast<int>(files.size())));
  std::vector<std::vector<Diagnostic>> per_thread(static_cast<size_t>(threads));
  std::vector<std::string> failures(static_cast<size_t>(threads));
  std::atomic<size_t> next{0};
  std::atomic<bool> invalid{false};
  auto work = [&](size_t t) {
    try {
      Xapian::WritableDatabase shard(scratch + "/shard-" + std::to_string(t),
                                     Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
      DocumentBuilder builder(nullptr, &validator_.vocabulary());  // spelling: see below
      SpellingCounts spelling;
      for (size_t i = next++; i < files.size(); i = next++) {
        LoadedEntry loaded;
        LoadEntryFile(files[i], validator_, &loaded, &per_thread[t]);
        if (!loaded.valid) invalid = true;
        // Keep validating after the first error so every problem is reported at once, but stop
        // spending time on indexing that will be thrown away.
        if (!invalid) {
          Xapian::Document doc = builder.Build(loaded.entry, loaded.file_state);
          spelling.Count(doc);
          shard.add_document(doc);
        }
      }
      if (!invalid) spelling.AddTo(&shard);
      shard.commit();
    } catch (const Xapian::Error& e) {
      failures[t] = e.get_description();
      invalid = true;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<size_t>(t));
  work(0);
  for (auto& th : pool) th.join();
  for (auto& d : per_thread) diagnostics.insert(diagnostics.end(), d.begin(), d.end());
  SortDiagnostics(&diagnostics);
  for (const std::string& f : failures) {
    if (!f.empty()) {
      result->error = "indexing failed: " + f;
      cleanup();
      return false;
    }
  }
  if (invalid) {
    result->entries_invalid = true;
    cleanup();
    return false;
  }

  const std::string generation = store->NextGeneration();
  try {
    Xapian::Database shards;
    for (int t = 0; t < threads; ++t) {
      shards.add_database(Xapian::Database(scratch + "/shard-" + std::to_string(t)));
    }
    fs::create_directories(fs::path(generation).parent_path(), ec);
    shards.compact(generation);
    shards.close();
    Xapian::WritableDatabase db(generation, Xapian::DB_OPEN);
    ApplySynonyms(synonyms_, &db);
    SetMetadata(&db, config_fingerprint_);
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    result->error = "cannot write the index: " + e.get_description();
    cleanup();
    fs::remove_all(generation, ec);
    return false;
  }
  cleanup();
  if (!store->Publish(generation, &result->error)) {
    fs::remove_all(generation, ec);
    return false;
  }
  result->added = static_cast<int>(files.size());
  for (const ContentFile& file : files) result->updated_ids.push_back(file.id);
  result->index_changed = true;
  result->generation = generation;
  return true;
}

}  // namespace praxis
