#include "submission_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <tuple>

#include "entry_draft.h"
#include "file_util.h"

namespace praxis {

namespace fs = std::filesystem;

namespace {

constexpr const char* kHeaderPrefix = "# praxis-submission: ";

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  char buffer[32];
  std::tm tm;
  gmtime_r(&t, &tm);
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// Reads "key value" pairs of the header comment lines.
void ReadHeader(const std::string& text, PendingSubmission* s) {
  size_t pos = text.find('\n');
  while (pos != std::string::npos && text.compare(pos + 1, std::strlen(kHeaderPrefix), kHeaderPrefix) == 0) {
    const size_t start = pos + 1 + std::strlen(kHeaderPrefix);
    const size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.rfind("receipt ", 0) == 0) s->receipt = line.substr(8);
    if (line.rfind("received ", 0) == 0) s->received = line.substr(9);
    pos = end;
  }
}

// Receipts become part of file names: only the characters NewReceipt() uses.
bool IsReceipt(const std::string& receipt) {
  if (receipt.empty() || receipt.size() > 32) return false;
  return std::all_of(receipt.begin(), receipt.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool EnsureFolder(const std::string& dir, std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create " + dir + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

SubmissionStore::SubmissionStore(std::string dir) : dir_(std::move(dir)) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

std::string SubmissionStore::PendingPath(const std::string& id) const {
  return dir_ + "/pending/" + id + ".md";
}

SubmissionStore::AddResult SubmissionStore::Add(const std::string& id, const std::string& receipt,
                                                const std::string& text,
                                                std::string* error) const {
  if (!IsValidEntryId(id)) {
    *error = "not a valid id";
    return AddResult::kUnavailable;  // never reached from the handlers: ids are checked first
  }
  if (!EnsureFolder(dir_ + "/pending", error)) return AddResult::kUnavailable;
  // The header goes right after the opening "---" line, as YAML comments.
  std::string stored = text;
  const std::string header = std::string(kHeaderPrefix) + "receipt " + receipt + "\n" +
                             kHeaderPrefix + "received " + NowIso() + "\n";
  stored.insert(stored.find('\n') + 1, header);
  bool exists = false;
  if (CreateFileAtomically(PendingPath(id), stored, &exists, error)) return AddResult::kStored;
  return exists ? AddResult::kConflict : AddResult::kUnavailable;
}

bool SubmissionStore::List(std::vector<PendingSubmission>* out, std::string* error) const {
  out->clear();
  const std::string folder = dir_ + "/pending";
  std::error_code ec;
  if (!fs::exists(folder, ec)) return true;
  fs::directory_iterator it(folder, ec), end;
  if (ec) {
    *error = "cannot read " + folder + ": " + ec.message();
    return false;
  }
  for (; it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string id = p.stem().string();
    if (p.extension() != ".md" || !IsValidEntryId(id)) continue;  // temp files, strays
    PendingSubmission s;
    if (Read(id, &s, error)) out->push_back(std::move(s));
  }
  std::sort(out->begin(), out->end(), [](const PendingSubmission& a, const PendingSubmission& b) {
    return std::tie(a.received, a.id) < std::tie(b.received, b.id);
  });
  return true;
}

bool SubmissionStore::Read(const std::string& id, PendingSubmission* out,
                           std::string* error) const {
  if (!IsValidEntryId(id)) {
    *error = "'" + id + "' is not a submission id (lowercase letters and digits joined by hyphens)";
    return false;
  }
  out->id = id;
  out->path = PendingPath(id);
  std::string read_error;
  if (!ReadFile(out->path, &out->text, &read_error)) {
    *error = errno == ENOENT ? "no pending submission '" + id + "' in " + dir_ + "/pending"
                             : read_error;
    return false;
  }
  ReadHeader(out->text, out);
  return true;
}

bool SubmissionStore::Remove(const std::string& id, std::string* error) const {
  if (!IsValidEntryId(id)) return false;
  if (::unlink(PendingPath(id).c_str()) != 0) {
    *error = "cannot remove " + PendingPath(id) + ": " + std::strerror(errno);
    return false;
  }
  return FsyncDirectory(dir_ + "/pending", error);
}

bool SubmissionStore::Reject(const std::string& id, const std::string& reason,
                             std::string* error) const {
  PendingSubmission s;
  if (!Read(id, &s, error)) return false;
  if (!EnsureFolder(dir_ + "/rejected", error)) return false;
  std::string receipt = s.receipt;
  if (!IsReceipt(receipt)) receipt = NewReceipt();  // the header may have been edited by hand
  const std::string base = dir_ + "/rejected/" + id + "--" + receipt;
  // The reason first: a crash before the rename leaves the submission pending, not reasonless.
  if (!WriteFileAtomically(base + ".reason", "rejected " + NowIso() + "\n" + reason + "\n", error)) {
    return false;
  }
  if (::rename(s.path.c_str(), (base + ".md").c_str()) != 0) {
    *error = "cannot move " + s.path + " to " + base + ".md: " + std::strerror(errno);
    return false;
  }
  return FsyncDirectory(dir_ + "/rejected", error) && FsyncDirectory(dir_ + "/pending", error);
}

std::string SubmissionStore::NewReceipt() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // no 0/O, 1/I
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y%m%d", &tm);
  std::string receipt = std::string(date) + "-";
  for (int i = 0; i < 6; ++i) receipt += kAlphabet[rng() % (sizeof kAlphabet - 1)];
  return receipt;
}

std::string SubmissionStore::WithoutHeader(const std::string& text) {
  const size_t first_end = text.find('\n');
  if (first_end == std::string::npos) return text;
  size_t pos = first_end + 1;
  while (text.compare(pos, std::strlen(kHeaderPrefix), kHeaderPrefix) == 0) {
    const size_t end = text.find('\n', pos);
    pos = end == std::string::npos ? text.size() : end + 1;
  }
  return text.substr(0, first_end + 1) + text.substr(pos);
}

}  // namespace praxis
