#include "content_set.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "file_util.h"

namespace praxis {

namespace fs = std::filesystem;

bool ScanContent(const std::string& dir, std::vector<ContentFile>* files, std::string* error) {
  files->clear();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    *error = dir + ": no such content folder";
    return false;
  }
  std::string prefix = dir;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) {
    *error = dir + ": " + ec.message();
    return false;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      *error = dir + ": " + ec.message();
      return false;
    }
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (p.extension() != ".md" || name == "README.md" || !it->is_regular_file()) continue;
    struct stat st;
    if (::stat(p.c_str(), &st) != 0) continue;
    ContentFile f;
    // The iterator's paths start with `dir` as given, so the part after it is the relative path.
    // (fs::relative would resolve symbolic links: a dozen system calls per file.)
    std::string relative = p.string().substr(dir.size());
    while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
    f.path = prefix + "/" + relative;
    f.id = p.stem().string();
    f.size = static_cast<uint64_t>(st.st_size);
    f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    files->push_back(std::move(f));
  }
  std::sort(files->begin(), files->end(),
            [](const ContentFile& a, const ContentFile& b) { return a.path < b.path; });
  return true;
}

std::string FileStateString(const ContentFile& file, const std::string& hash) {
  return file.id + "\t" + std::to_string(file.size) + "\t" + std::to_string(file.mtime_ns) +
         "\t" + hash;
}

void CheckDuplicateIds(const std::vector<IdUse>& uses, std::vector<Diagnostic>* diagnostics) {
  std::map<std::string, std::vector<size_t>> by_id;
  for (size_t i = 0; i < uses.size(); ++i) {
    if (!uses[i].id.empty()) by_id[uses[i].id].push_back(i);
  }
  for (const auto& [id, indexes] : by_id) {
    if (indexes.size() < 2) continue;
    for (size_t i : indexes) {
      std::string others;
      for (size_t j : indexes) {
        if (j != i) others += (others.empty() ? "" : ", ") + uses[j].path;
      }
      diagnostics->push_back({uses[i].path, uses[i].line, 1, Severity::kError,
                              "duplicate id '" + id + "': also used by " + others, "id"});
    }
  }
}

std::vector<IdUse> IdUsesOfFileNames(const std::vector<ContentFile>& files) {
  std::vector<IdUse> uses;
  uses.reserve(files.size());
  for (const ContentFile& f : files) uses.push_back({f.path, f.id, 1});
  return uses;
}

void LoadEntryFile(const ContentFile& file, const EntryValidator& validator, LoadedEntry* loaded,
                   std::vector<Diagnostic>* diagnostics) {
  std::string text, error;
  loaded->valid = false;
  if (!ReadFile(file.path, &text, &error)) {
    diagnostics->push_back({file.path, 1, 1, Severity::kError, error, ""});
    return;
  }
  loaded->file_state = FileStateString(file, ContentHash(text));
  loaded->valid = validator.Parse(text, file.path, file.id, &loaded->entry, diagnostics);
  loaded->entry.path = file.path;
}

bool CheckAll(const std::vector<ContentFile>& files, const EntryValidator& validator, int threads,
              std::vector<Diagnostic>* diagnostics, std::vector<Entry>* valid_entries) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::vector<Diagnostic>> per_thread(static_cast<size_t>(threads));
  // Ids as declared: two files may declare the same id under different names.
  std::vector<IdUse> ids = IdUsesOfFileNames(files);
  std::vector<std::optional<Entry>> entries(valid_entries ? files.size() : 0);
  std::atomic<size_t> next{0};
  std::atomic<bool> all_valid{true};
  auto work = [&](size_t t) {
    for (size_t i = next++; i < files.size(); i = next++) {
      LoadedEntry loaded;
      LoadEntryFile(files[i], validator, &loaded, &per_thread[t]);
      if (!loaded.entry.id.empty()) ids[i] = {files[i].path, loaded.entry.id, loaded.entry.id_line};
      if (!loaded.valid) all_valid = false;
      if (valid_entries && loaded.valid) entries[i] = std::move(loaded.entry);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<size_t>(t));
  work(0);
  for (auto& th : pool) th.join();
  for (auto& d : per_thread) diagnostics->insert(diagnostics->end(), d.begin(), d.end());
  for (auto& e : entries) {
    if (e) valid_entries->push_back(std::move(*e));
  }
  size_t before = diagnostics->size();
  CheckDuplicateIds(ids, diagnostics);
  SortDiagnostics(diagnostics);
  return all_valid && diagnostics->size() == before;
}

}  // namespace praxis
