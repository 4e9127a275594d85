// The open index, as the server sees it, and how it follows praxis-index's swaps.
//
// Xapian objects are not thread-safe, so every request thread has its own Database handle.
// What all threads share is an immutable Snapshot (facet bitmaps and sort keys) of one index
// revision. A watcher thread looks at the index path a few times a second; when praxis-index
// has replaced or touched the stub file it builds a new Snapshot from a fresh handle and
// publishes it. Threads notice the new generation number on their next request and open a new
// handle; requests in flight finish on the old one, so a swap never fails a request.
//
// Reopening an old handle across a swap is never done: it can mix two generations.
//
// The watcher also follows a database that changes in place without its path changing: a
// replica kept by xapian-replicate receives changesets into the same folder. It keeps one
// handle of its own, reopens it on each look, and publishes a new snapshot when the revision
// moved (only for a single local database; shards have no single revision).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <xapian.h>

#include "facet_index.h"
#include "read_slots.h"

namespace praxis {

// Made by make_shared, so a request can keep the one it started with (shared_from_this).
struct Snapshot : std::enable_shared_from_this<Snapshot> {
  uint64_t generation = 0;  // increases with every published snapshot
  std::shared_ptr<const FacetIndex> facets;
  std::string revision;     // shown by /healthz: "<generation folder>@<Xapian revision>"
};

class IndexManager {
 public:
  explicit IndexManager(std::string path);
  ~IndexManager();

  // Opens the index and builds the first snapshot. On failure returns false with a message.
  bool Open(std::string* error);

  // Starts and stops the watcher thread. `interval_ms` between looks at the index path.
  void StartWatching(int interval_ms = 250);
  void StopWatching();

  std::shared_ptr<const Snapshot> Current() const;

  // The calling thread's handle on the snapshot's generation (opened on first use).
  Xapian::Database& ThreadDatabase(const Snapshot& snapshot);

  // Called by a request that met DatabaseModifiedError: reopen this thread's handle.
  void ResetThreadDatabase();

  const std::string& path() const { return path_; }

  // Index reads hold a slot while they run (read_slots.h).
  ReadSlots& read_slots() { return read_slots_; }

 private:
  struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    int64_t mtime_ns = 0;
    off_t size = 0;
    bool operator==(const FileIdentity&) const = default;
  };
  static FileIdentity Identify(const std::string& path);
  bool Reload(std::string* error);
  void Watch(int interval_ms);
  // Watcher thread only: true when the served database has a newer revision in place.
  bool RevisionMoved();

  std::string path_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
  FileIdentity identity_;
  std::optional<Xapian::rev> served_revision_;  // unset for shards
  std::unique_ptr<Xapian::Database> watcher_db_;  // the watcher thread's own handle
  uint64_t next_generation_ = 1;
  std::atomic<bool> stop_{false};
  std::thread watcher_;
  ReadSlots read_slots_{ReadSlots::DefaultCount()};
};

}  // namespace praxis
