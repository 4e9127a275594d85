#include "index_manager.h"

#include <malloc.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "index_layout.h"

namespace praxis {

namespace {

// The generation folder named by a stub file, for /healthz; "" for a plain database folder.
std::string StubTarget(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("auto ", 0) == 0) return line.substr(5);
  }
  return "";
}

// Xapian opens tables lazily and treats a missing document-data or term-list table as empty, so
// a damaged index can open without complaint and fail (or answer wrongly) only later. Reading a
// sample of documents spread over the whole index, with their data, terms and positions, finds
// missing and truncated tables before the index is served. About a millisecond.
bool ProbeDocuments(Xapian::Database& db, std::string* problem) {
  constexpr Xapian::doccount kSamples = 64;
  const Xapian::doccount count = db.get_doccount();
  if (count == 0) return true;
  const Xapian::docid last = db.get_lastdocid();
  const Xapian::docid step = std::max<Xapian::docid>(1, last / kSamples);
  Xapian::doccount seen = 0;
  auto it = db.postlist_begin("");
  for (Xapian::docid target = 1; it != db.postlist_end("") && seen < kSamples; target += step) {
    it.skip_to(target);
    if (it == db.postlist_end("")) break;
    const Xapian::docid id = *it;
    Xapian::Document doc = db.get_document(id);
    if (doc.get_data().empty()) {
      *problem = "document " + std::to_string(id) + " has no data";
      return false;
    }
    if (db.termlist_begin(id) == db.termlist_end(id)) {
      *problem = "document " + std::to_string(id) + " has no terms";
      return false;
    }
    // All text is indexed with positions: the first unprefixed word of a document has some.
    for (auto term = db.termlist_begin(id); term != db.termlist_end(id); ++term) {
      const std::string word = *term;
      if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;
      if (db.positionlist_begin(id, word) == db.positionlist_end(id, word)) {
        *problem = "document " + std::to_string(id) + " has no word positions";
        return false;
      }
      break;
    }
    ++seen;
    target = std::max(target, id);
  }
  if (seen == 0) {
    *problem = "it counts " + std::to_string(count) + " documents but none can be read";
    return false;
  }
  return true;
}

struct ThreadHandle {
  const IndexManager* owner = nullptr;
  uint64_t generation = 0;
  std::unique_ptr<Xapian::Database> db;
};
thread_local ThreadHandle t_handle;

}  // namespace

IndexManager::IndexManager(std::string path) : path_(std::move(path)) {}

IndexManager::~IndexManager() { StopWatching(); }

IndexManager::FileIdentity IndexManager::Identify(const std::string& path) {
  FileIdentity id;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    id.device = st.st_dev;
    id.inode = st.st_ino;
    id.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    id.size = st.st_size;
  }
  return id;
}

bool IndexManager::Open(std::string* error) {
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0) {
    *error = "no index at " + path_ + " (run praxis-index first)";
    return false;
  }
  return Reload(error);
}

bool IndexManager::Reload(std::string* error) {
  const FileIdentity before = Identify(path_);
  try {
    Xapian::Database db(path_);
    const std::string schema = db.get_metadata(layout::kMetaSchema);
    // praxis-index writes the layout version into every index, even one of no entries: without
    // it this is an empty stub, an empty database or not a Praxis index at all.
    if (schema.empty()) {
      *error = "cannot open the index at " + path_ +
               ": it is empty or not a Praxis index (no layout version); build it with praxis-index";
      return false;
    }
    if (schema != layout::kSchemaVersion) {
      *error = "the index at " + path_ + " has layout version '" + schema + "', expected '" +
               layout::kSchemaVersion + "'; rebuild it with praxis-index --full";
      return false;
    }
    std::string problem;
    if (!ProbeDocuments(db, &problem)) {
      *error = "cannot open the index at " + path_ + ": it is damaged (" + problem +
               "); rebuild it with praxis-index --full";
      return false;
    }
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->facets = FacetIndex::Build(db);
    std::string revision;
    std::optional<Xapian::rev> revision_number;
    try {
      revision_number = db.get_revision();
      revision = std::to_string(*revision_number);
    } catch (const Xapian::Error&) {
      revision = "multi";  // several shards have no single revision
    }
    const std::string target = StubTarget(path_);
    snapshot->revision = (target.empty() ? std::string("db") : target) + "@" + revision;
    std::lock_guard<std::mutex> lock(mutex_);
    snapshot->generation = next_generation_++;
    current_ = std::move(snapshot);
    identity_ = before;
    served_revision_ = revision_number;
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot open the index at " + path_ + ": " + e.get_description();
    return false;
  }
}

void IndexManager::StartWatching(int interval_ms) {
  stop_ = false;
  watcher_ = std::thread([this, interval_ms] { Watch(interval_ms); });
}

void IndexManager::StopWatching() {
  stop_ = true;
  if (watcher_.joinable()) watcher_.join();
}

void IndexManager::Watch(int interval_ms) {
  int trim_in = -1;  // looks until the heap is trimmed after a reload
  while (!stop_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
    // A reload frees the previous snapshot once the requests holding it end; glibc keeps such
    // memory in its arenas, so without a trim every swap left the process a little larger.
    if (trim_in >= 0 && trim_in-- == 0) ::malloc_trim(0);
    FileIdentity now = Identify(path_);
    bool path_changed = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      path_changed = !(now == identity_) && now.inode != 0;
    }
    if (!path_changed && !RevisionMoved()) continue;
    watcher_db_.reset();  // it may hold the previous generation
    std::string error;
    trim_in = 4;
    if (!Reload(&error)) {
      // Keep serving the snapshot we have; praxis-index may be mid-swap. Try again next time.
      std::cerr << "praxis-server: index reload failed, still serving the previous index: "
                << error << "\n";
    }
  }
}

bool IndexManager::RevisionMoved() {
  std::optional<Xapian::rev> served;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    served = served_revision_;
  }
  if (!served) return false;
  try {
    // reopen() only reads the version file when nothing changed, so a look is cheap.
    if (!watcher_db_) {
      watcher_db_ = std::make_unique<Xapian::Database>(path_);
    } else {
      watcher_db_->reopen();
    }
    return watcher_db_->get_revision() != *served;
  } catch (const Xapian::Error&) {
    watcher_db_.reset();  // e.g. a replica switched folders; the path check will see it
    return false;
  }
}

std::shared_ptr<const Snapshot> IndexManager::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

Xapian::Database& IndexManager::ThreadDatabase(const Snapshot& snapshot) {
  if (t_handle.owner != this || t_handle.generation != snapshot.generation || !t_handle.db) {
    t_handle.db = std::make_unique<Xapian::Database>(path_);
    t_handle.owner = this;
    t_handle.generation = snapshot.generation;
  }
  return *t_handle.db;
}

void IndexManager::ResetThreadDatabase() {
  if (t_handle.owner == this) t_handle.db.reset();
}

}  // namespace praxis
