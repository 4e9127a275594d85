#include "review_auth.h"

#include <sys/random.h>
#include <sys/stat.h>

#include <stdexcept>

#include "file_util.h"
#include "text_util.h"

namespace praxis {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  const size_t n = std::max(a.size(), b.size());
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  size_t filled = 0;
  while (filled < bytes) {
    const ssize_t n = ::getrandom(raw.data() + filled, bytes - filled, 0);
    if (n < 0) throw std::runtime_error("getrandom failed");
    filled += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool ReviewAuth::Load(const std::string& path, std::string* error, std::string* warning) {
  std::string text;
  if (!ReadFile(path, &text, error)) {
    *error = "review token: " + *error;
    return false;
  }
  const std::string token(Trim(text.substr(0, text.find('\n'))));
  if (token.size() < kMinTokenLength) {
    *error = "review token in " + path + " is shorter than " + std::to_string(kMinTokenLength) +
             " characters; use a long random one";
    return false;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH))) {
    *warning = path + " can be read by other users; chmod 600 it";
  }
  token_ = token;
  return true;
}

bool ReviewAuth::CheckToken(std::string_view candidate) const {
  return enabled() && ConstantTimeEquals(Trim(candidate), token_);
}

ReviewAuth::Session ReviewAuth::Open() {
  Session s{RandomHex(32), RandomHex(32)};
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = Clock::now();
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.expires <= now ? sessions_.erase(it) : std::next(it);
  }
  while (sessions_.size() >= kMaxSessions) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.expires < oldest->second.expires) oldest = it;
    }
    sessions_.erase(oldest);
  }
  sessions_[s.id] = {s.csrf, now + std::chrono::hours(kSessionHours)};
  return s;
}

std::optional<ReviewAuth::Session> ReviewAuth::Find(std::string_view cookie_header) {
  const std::string name = std::string(kCookieName) + "=";
  size_t at = 0;
  while ((at = cookie_header.find(name, at)) != std::string_view::npos) {
    if (at == 0 || cookie_header[at - 1] == ' ' || cookie_header[at - 1] == ';') break;
    at += name.size();
  }
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view value = cookie_header.substr(at + name.size());
  value = value.substr(0, value.find(';'));
  std::lock_guard<std::mutex> lock(mutex_);
  // Looked up by exact key: ids are random, and the map compares whole strings.
  auto it = sessions_.find(std::string(Trim(value)));
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires <= Clock::now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return Session{it->first, it->second.csrf};
}

void ReviewAuth::Close(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(id);
}

}  // namespace praxis
