// Limits how often one client may do something (submit an entry, try a review token), in
// memory only: nothing about clients is written anywhere, and a restart forgets everything.
//
// A sliding window: at most `limit` events per `window` per key. Memory is bounded: at most
// `max_keys` clients are tracked; when that many are, keys whose events have all expired are
// dropped, and if none have, the client with the oldest latest event is forgotten.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace praxis {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(size_t limit, Clock::duration window, size_t max_keys = 10000);

  // True when `key` may do one more thing now. When not, *retry_after says how long until it may.
  bool Allowed(const std::string& key, Clock::duration* retry_after = nullptr,
               Clock::time_point now = Clock::now());

  // Counts one event for `key`.
  void Record(const std::string& key, Clock::time_point now = Clock::now());

  size_t limit() const { return limit_; }

 private:
  void Expire(std::deque<Clock::time_point>* events, Clock::time_point now) const;
  void MakeRoom(Clock::time_point now);

  const size_t limit_;
  const Clock::duration window_;
  const size_t max_keys_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> events_;
};

}  // namespace praxis
