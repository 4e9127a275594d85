// Running a read on the current index revision, retried when the revision it read was
// replaced under it (praxis-index swaps revisions while the server runs).
#pragma once

#include <memory>

#include <xapian.h>

#include "index_manager.h"

namespace praxis {

// Runs `fn(db, snapshot)` on this thread's handle of the current index, reopening once or
// twice if the revision it reads was replaced under it. Holds a read slot meanwhile
// (read_slots.h), so `fn` must not call WithCurrentIndex itself.
template <typename Fn>
auto WithCurrentIndex(IndexManager& index, Fn fn) {
  const ReadSlots::Slot slot(index.read_slots());
  for (int attempt = 0;; ++attempt) {
    std::shared_ptr<const Snapshot> snapshot = index.Current();
    try {
      return fn(index.ThreadDatabase(*snapshot), *snapshot);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 2) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= 2) throw;
    }
    index.ResetThreadDatabase();
  }
}

}  // namespace praxis
