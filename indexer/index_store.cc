#include "index_store.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "file_util.h"

namespace praxis {

namespace fs = std::filesystem;

IndexStore::IndexStore(std::string stub_path) : stub_path_(std::move(stub_path)) {
  while (stub_path_.size() > 1 && stub_path_.back() == '/') stub_path_.pop_back();
}

IndexStore::~IndexStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string IndexStore::GenerationsFolder() const { return stub_path_ + ".d"; }

bool IndexStore::Lock(std::string* error) {
  std::error_code ec;
  fs::path parent = fs::path(stub_path_).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (fs::is_directory(stub_path_, ec)) {
    *error = stub_path_ + " is a folder; --index names the index stub file (e.g. var/index)";
    return false;
  }
  const std::string lock_path = stub_path_ + ".lock";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    *error = "cannot open " + lock_path + ": " + std::strerror(errno);
    return false;
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    *error = "another praxis-index is already updating " + stub_path_ + " (lock " + lock_path +
             " is held); wait for it to finish";
    ::close(lock_fd_);
    lock_fd_ = -1;
    return false;
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) == 0) {
    ssize_t ignored = ::write(lock_fd_, pid.data(), pid.size());
    (void)ignored;
  }
  return true;
}

std::optional<std::string> IndexStore::CurrentGeneration() const {
  std::string text, error;
  if (!ReadFile(stub_path_, &text, &error)) return std::nullopt;
  const std::string marker = "auto ";
  size_t pos = text.find(marker);
  if (pos == std::string::npos) return std::nullopt;
  std::string rel = text.substr(pos + marker.size());
  rel = rel.substr(0, rel.find('\n'));
  fs::path path = fs::path(stub_path_).parent_path() / rel;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::nullopt;
  return fs::absolute(path).lexically_normal().string();
}

std::string IndexStore::NextGeneration() const {
  int highest = 0;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(GenerationsFolder(), ec)) {
    const std::string name = item.path().filename().string();
    if (name.rfind("gen-", 0) == 0) highest = std::max(highest, std::atoi(name.c_str() + 4));
  }
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06d", highest + 1);
  return fs::absolute(fs::path(GenerationsFolder()) / name).string();
}

std::string IndexStore::ScratchFolder() const {
  return fs::absolute(fs::path(GenerationsFolder()) / ("tmp-" + std::to_string(getpid())))
      .string();
}

bool IndexStore::Publish(const std::string& generation, std::string* error) {
  std::optional<std::string> previous = CurrentGeneration();
  const std::string rel =
      fs::path(generation).lexically_relative(fs::absolute(stub_path_).parent_path()).string();
  if (!WriteFileAtomically(stub_path_, "auto " + rel + "\n", error)) return false;
  RemoveStale(generation, previous.value_or(""));
  return true;
}

bool IndexStore::Touch(std::string* error) {
  std::string text;
  if (!ReadFile(stub_path_, &text, error)) return false;
  return WriteFileAtomically(stub_path_, text, error);
}

void IndexStore::RemoveStale(const std::string& keep_a, const std::string& keep_b) const {
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(GenerationsFolder(), ec)) {
    const std::string path = fs::absolute(item.path()).lexically_normal().string();
    const std::string name = item.path().filename().string();
    if (path == keep_a || path == keep_b) continue;
    if (name.rfind("gen-", 0) == 0) {
      fs::remove_all(item.path(), ec);
    } else if (name.rfind("tmp-", 0) == 0) {
      // Scratch of a run that died: its process is gone (we hold the lock, so it is not running).
      fs::remove_all(item.path(), ec);
    }
  }
}

}  // namespace praxis
