// File helpers with the guarantees the project relies on: whole-file reads, and atomic writes
// (temp file in the same folder, fsync, rename, fsync of the folder), so a reader or a crash
// sees the old content or the new one, never a mix.
#pragma once

#include <cstdint>
#include <string>

namespace praxis {

bool ReadFile(const std::string& path, std::string* contents, std::string* error);

bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error);

// Like WriteFileAtomically, but fails with *exists = true when `path` already exists
// (link(2) instead of rename(2)), so two writers of the same name cannot overwrite each other.
bool CreateFileAtomically(const std::string& path, const std::string& contents, bool* exists,
                          std::string* error);

bool FsyncDirectory(const std::string& dir, std::string* error);

// 64-bit XXH3 of the bytes, as 16 hex digits.
std::string ContentHash(const std::string& bytes);

}  // namespace praxis
