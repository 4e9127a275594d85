// Read slots: never more holders than slots, and waiters served first come, first served.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "read_slots.h"

namespace praxis {
namespace {

// Spins (yielding) until `done()`; the test harness's own timeout bounds a hang.
template <typename Pred>
void WaitUntil(Pred done) {
  while (!done()) std::this_thread::yield();
}

TEST_CASE("read slots: at most `count` holders at once") {
  ReadSlots slots(3);
  std::atomic<int> holders{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        ReadSlots::Slot slot(slots);
        const int now = ++holders;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --holders;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(most.load() <= 3);
  CHECK(most.load() >= 1);
  CHECK(slots.Waiting() == 0);
}

TEST_CASE("read slots: waiters get a freed slot in the order they came") {
  ReadSlots slots(2);
  auto first = std::make_unique<ReadSlots::Slot>(slots);
  auto second = std::make_unique<ReadSlots::Slot>(slots);

  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int n = 0; n < 4; ++n) {
    waiters.emplace_back([&, n] {
      ReadSlots::Slot slot(slots);
      std::lock_guard<std::mutex> lock(order_mutex);
      order.push_back(n);
    });
    // The next waiter starts only once this one is queued.
    WaitUntil([&] { return slots.Waiting() == static_cast<size_t>(n + 1); });
  }
  first.reset();  // waiter 0 gets the slot, records itself, releases: 1, 2, 3 follow in turn
  for (auto& w : waiters) w.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3});
  CHECK(slots.Waiting() == 0);

  // Both slots are free again: two holders at once do not wait.
  second.reset();
  ReadSlots::Slot a(slots);
  ReadSlots::Slot b(slots);
  CHECK(slots.Waiting() == 0);
}

}  // namespace
}  // namespace praxis
