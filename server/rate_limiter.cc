#include "rate_limiter.h"

namespace praxis {

RateLimiter::RateLimiter(size_t limit, Clock::duration window, size_t max_keys)
    : limit_(limit), window_(window), max_keys_(max_keys) {}

void RateLimiter::Expire(std::deque<Clock::time_point>* events, Clock::time_point now) const {
  while (!events->empty() && events->front() + window_ <= now) events->pop_front();
}

bool RateLimiter::Allowed(const std::string& key, Clock::duration* retry_after,
                          Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = events_.find(key);
  if (it == events_.end()) return limit_ > 0;
  Expire(&it->second, now);
  if (it->second.size() < limit_) return true;
  if (retry_after) *retry_after = it->second.front() + window_ - now;
  return false;
}

void RateLimiter::Record(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!events_.count(key) && events_.size() >= max_keys_) MakeRoom(now);
  auto& events = events_[key];
  Expire(&events, now);
  events.push_back(now);
  // Events beyond the limit add nothing to the decision.
  while (events.size() > limit_ && limit_ > 0) events.pop_front();
}

void RateLimiter::MakeRoom(Clock::time_point now) {
  for (auto it = events_.begin(); it != events_.end();) {
    Expire(&it->second, now);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
  if (events_.size() < max_keys_) return;
  auto oldest = events_.begin();
  for (auto it = events_.begin(); it != events_.end(); ++it) {
    if (it->second.back() < oldest->second.back()) oldest = it;
  }
  events_.erase(oldest);
}

}  // namespace praxis
