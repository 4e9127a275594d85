// Who may use the /review pages: editors who know the token in `--review-token-file`.
//
// The token is read once at start-up and never logged, echoed or put in a URL. An editor types
// it into a password field (POST); a match, compared in constant time, opens a session: a random
// id in an HttpOnly, SameSite=Strict cookie limited to /review, with a CSRF token every review
// form must send back. Sessions live in memory for kSessionHours and end at logout or restart.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace praxis {

// Compares in time that depends only on the lengths, not on where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// `bytes` random bytes from the kernel, as hex.
std::string RandomHex(size_t bytes);

class ReviewAuth {
 public:
  static constexpr const char* kCookieName = "praxis_review";
  static constexpr int kSessionHours = 8;
  static constexpr size_t kMinTokenLength = 16;
  static constexpr size_t kMaxSessions = 256;

  struct Session {
    std::string id;
    std::string csrf;
  };

  // Reads the token: the file's first line, without surrounding white space. False with a
  // message naming the file when it cannot be read or the token is shorter than 16 characters.
  // *warning is set when the file can be read by other users.
  bool Load(const std::string& path, std::string* error, std::string* warning);

  bool enabled() const { return !token_.empty(); }
  bool CheckToken(std::string_view candidate) const;

  Session Open();
  // The session named by the request's Cookie header, if it exists and has not expired.
  std::optional<Session> Find(std::string_view cookie_header);
  void Close(const std::string& id);

 private:
  using Clock = std::chrono::steady_clock;
  struct Stored {
    std::string csrf;
    Clock::time_point expires;
  };

  std::string token_;
  std::mutex mutex_;
  std::map<std::string, Stored> sessions_;
};

}  // namespace praxis
