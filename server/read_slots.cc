#include "read_slots.h"

#include <algorithm>
#include <thread>

namespace praxis {

ReadSlots::ReadSlots(size_t count) : count_(std::max<size_t>(1, count)) {}

size_t ReadSlots::DefaultCount() {
  return 2 * static_cast<size_t>(std::max(1u, std::thread::hardware_concurrency()));
}

size_t ReadSlots::Waiting() {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_.size();
}

void ReadSlots::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (in_use_ < count_ && waiting_.empty()) {
    ++in_use_;
    return;
  }
  Waiter self;
  waiting_.push_back(&self);
  self.woken.wait(lock, [&self] { return self.granted; });
}

void ReadSlots::Release() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (waiting_.empty()) {
    --in_use_;
    return;
  }
  // The slot passes straight to the oldest waiter; in_use_ does not change.
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->granted = true;
  next->woken.notify_one();
}

}  // namespace praxis
