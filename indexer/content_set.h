// The content folder: which entry files exist, their state on disk, and the checks that need
// more than one file.
//
// Entries are the `*.md` files below the folder (subfolders allowed); dotfiles and README.md
// are not entries. An entry's id is its file name without `.md`, so ids are unique exactly when
// file names are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "entry.h"
#include "entry_validator.h"

namespace praxis {

struct ContentFile {
  std::string path;  // as shown to users: "<content dir>/<relative path>"
  std::string id;    // the file name stem
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

// Lists the entry files under `dir`, sorted by path.
bool ScanContent(const std::string& dir, std::vector<ContentFile>* files, std::string* error);

// "<id>\t<size>\t<mtime_ns>\t<hash>": what the index remembers of a file (kSlotFileState).
std::string FileStateString(const ContentFile& file, const std::string& hash);

// Where an id is used: a file, the id it declares (its file name stem when not parsed), and
// the line of its `id:` field (1 when not known).
struct IdUse {
  std::string path;
  std::string id;
  int line = 1;
};

// An id used by more than one file: one error per file, each naming the others.
void CheckDuplicateIds(const std::vector<IdUse>& uses, std::vector<Diagnostic>* diagnostics);

// The uses of ids by file name alone, before any file is read.
std::vector<IdUse> IdUsesOfFileNames(const std::vector<ContentFile>& files);

// A parsed entry with what the indexer needs to know about its file.
struct LoadedEntry {
  Entry entry;
  std::string file_state;
  bool valid = false;
};

// Reads and validates one file. Adds diagnostics; sets loaded->valid.
void LoadEntryFile(const ContentFile& file, const EntryValidator& validator, LoadedEntry* loaded,
                   std::vector<Diagnostic>* diagnostics);

// Reads and validates every file, using `threads` threads (0: one per core), and checks ids
// across files. Diagnostics come back sorted. Returns true when no entry has an error.
// With `valid_entries`, the entries without errors are returned too (in file order), for
// checks across entries such as overlap detection.
bool CheckAll(const std::vector<ContentFile>& files, const EntryValidator& validator, int threads,
              std::vector<Diagnostic>* diagnostics, std::vector<Entry>* valid_entries = nullptr);

}  // namespace praxis
