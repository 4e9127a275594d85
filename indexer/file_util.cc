#include "file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <xxhash.h>

namespace praxis {

namespace {

std::string ErrnoMessage(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

std::string TempNameBeside(const std::string& path) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, ".tmp-%d-%08llx", static_cast<int>(getpid()),
                static_cast<unsigned long long>(rng() & 0xffffffffULL));
  return path + suffix;
}

// Writes `contents` to a new temp file beside `path` and fsyncs it. Returns the temp name.
bool WriteTemp(const std::string& path, const std::string& contents, std::string* temp,
               std::string* error) {
  *temp = TempNameBeside(path);
  int fd = ::open(temp->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = ErrnoMessage("cannot create", *temp);
    return false;
  }
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = ErrnoMessage("cannot write", *temp);
      ::close(fd);
      ::unlink(temp->c_str());
      return false;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    *error = ErrnoMessage("cannot sync", *temp);
    ::close(fd);
    ::unlink(temp->c_str());
    return false;
  }
  if (::close(fd) != 0) {
    *error = ErrnoMessage("cannot close", *temp);
    ::unlink(temp->c_str());
    return false;
  }
  return true;
}

std::string ParentDir(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace

bool ReadFile(const std::string& path, std::string* contents, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = ErrnoMessage("cannot open", path);
    return false;
  }
  contents->clear();
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) contents->reserve(static_cast<size_t>(st.st_size));
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = ErrnoMessage("cannot read", path);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    contents->append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

bool FsyncDirectory(const std::string& dir, std::string* error) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    *error = ErrnoMessage("cannot open folder", dir);
    return false;
  }
  bool ok = ::fsync(fd) == 0;
  if (!ok) *error = ErrnoMessage("cannot sync folder", dir);
  ::close(fd);
  return ok;
}

bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error) {
  std::string temp;
  if (!WriteTemp(path, contents, &temp, error)) return false;
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    *error = ErrnoMessage("cannot rename into", path);
    ::unlink(temp.c_str());
    return false;
  }
  return FsyncDirectory(ParentDir(path), error);
}

bool CreateFileAtomically(const std::string& path, const std::string& contents, bool* exists,
                          std::string* error) {
  *exists = false;
  std::string temp;
  if (!WriteTemp(path, contents, &temp, error)) return false;
  // link(2) fails with EEXIST instead of replacing: the first writer of a name wins.
  if (::link(temp.c_str(), path.c_str()) != 0) {
    *exists = errno == EEXIST;
    *error = ErrnoMessage("cannot create", path);
    ::unlink(temp.c_str());
    return false;
  }
  ::unlink(temp.c_str());
  return FsyncDirectory(ParentDir(path), error);
}

std::string ContentHash(const std::string& bytes) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
  return hex;
}

}  // namespace praxis
