// A fixed number of slots for index reads, handed out in the order they were asked for.
//
// Index reads (WithCurrentIndex) each hold a slot: twice the cores by default. More reads at
// once only take turns on the CPU, and a saturated server would starve every other process on
// the machine, praxis-index updating this very index among them (under wrk -c64 on two cores,
// with 32 request threads searching, a 0.6 s update took 10 s). Reads beyond that wait, asleep.
// First come, first served: a plain semaphore wakes waiters in any order, and under that load
// its slowest answers took half as long again. Rendering and sending answers need no slot.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace praxis {

class ReadSlots {
 public:
  explicit ReadSlots(size_t count);

  // Holds a slot from construction to destruction.
  class Slot {
   public:
    explicit Slot(ReadSlots& slots) : slots_(slots) { slots_.Acquire(); }
    ~Slot() { slots_.Release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    ReadSlots& slots_;
  };

  // Twice the number of cores.
  static size_t DefaultCount();

  // How many reads wait for a slot now.
  size_t Waiting();

 private:
  struct Waiter {
    std::condition_variable woken;
    bool granted = false;
  };
  void Acquire();
  void Release();

  const size_t count_;
  std::mutex mutex_;
  size_t in_use_ = 0;
  std::deque<Waiter*> waiting_;  // oldest first
};

}  // namespace praxis
