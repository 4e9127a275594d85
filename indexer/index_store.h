// Where an index lives on disk, and how a new one replaces the old without readers noticing.
//
// `--index var/index` names a Xapian stub file. It points at one generation folder:
//   var/index            stub file: "auto index.d/gen-000042"
//   var/index.d/gen-N/   a glass database
//   var/index.lock       held by the one praxis-index that may write
// A full build writes a new generation, then renames a new stub over the old one (atomic), so a
// reader opening the stub sees the old index or the new one, never half of one. The previous
// generation is kept until the next build, for readers that still have it open. An incremental
// run commits into the current generation (each Xapian commit is atomic) and then rewrites the
// stub, so servers watching the stub know to reopen.
#pragma once

#include <optional>
#include <string>

namespace praxis {

class IndexStore {
 public:
  explicit IndexStore(std::string stub_path);
  ~IndexStore();
  IndexStore(const IndexStore&) = delete;
  IndexStore& operator=(const IndexStore&) = delete;

  // Takes the writer lock without waiting. Fails with a message naming the lock file when
  // another praxis-index holds it. Released by the destructor (and by the kernel on a crash).
  bool Lock(std::string* error);

  // The current generation folder (absolute), if the stub exists and names one.
  std::optional<std::string> CurrentGeneration() const;

  // A fresh, not yet existing generation folder, and a scratch folder for this run.
  std::string NextGeneration() const;
  std::string ScratchFolder() const;

  // Points the stub at `generation` atomically, then removes generations older than the one
  // it replaced, and scratch folders of runs that died.
  bool Publish(const std::string& generation, std::string* error);

  // Rewrites the stub unchanged (new inode), telling servers that the index changed in place.
  bool Touch(std::string* error);

  const std::string& stub_path() const { return stub_path_; }

 private:
  std::string GenerationsFolder() const;
  void RemoveStale(const std::string& keep_a, const std::string& keep_b) const;

  std::string stub_path_;
  int lock_fd_ = -1;
};

}  // namespace praxis
