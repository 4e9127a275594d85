// A set of Xapian document ids as a plain bitmap: one bit per docid up to the database's last
// docid. Facet counting intersects these and counts bits, which is exact and, at 100,000
// documents, a few microseconds per facet value.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include <xapian.h>

namespace praxis {

class DocBitmap {
 public:
  DocBitmap() = default;
  explicit DocBitmap(Xapian::docid size, bool filled = false)
      : size_(size), words_((size + 63) / 64, filled ? ~uint64_t{0} : 0) {
    if (filled) ClearTail();
  }

  void Set(Xapian::docid id) {
    if (id < size_) words_[id >> 6] |= uint64_t{1} << (id & 63);
  }
  bool Test(Xapian::docid id) const {
    return id < size_ && (words_[id >> 6] >> (id & 63)) & 1;
  }
  Xapian::docid size() const { return size_; }

  void And(const DocBitmap& other) {
    for (size_t i = 0; i < words_.size(); ++i) {
      words_[i] &= i < other.words_.size() ? other.words_[i] : 0;
    }
  }
  void Or(const DocBitmap& other) {
    for (size_t i = 0; i < words_.size() && i < other.words_.size(); ++i) {
      words_[i] |= other.words_[i];
    }
  }
  void AndNot(const DocBitmap& other) {
    for (size_t i = 0; i < words_.size() && i < other.words_.size(); ++i) {
      words_[i] &= ~other.words_[i];
    }
  }
  void Xor(const DocBitmap& other) {
    for (size_t i = 0; i < words_.size() && i < other.words_.size(); ++i) {
      words_[i] ^= other.words_[i];
    }
  }
  uint64_t Count() const {
    uint64_t n = 0;
    for (uint64_t w : words_) n += static_cast<uint64_t>(std::popcount(w));
    return n;
  }
  // |this AND other| without building the intersection.
  uint64_t CountAnd(const DocBitmap& other) const {
    uint64_t n = 0;
    const size_t words = std::min(words_.size(), other.words_.size());
    for (size_t i = 0; i < words; ++i) {
      n += static_cast<uint64_t>(std::popcount(words_[i] & other.words_[i]));
    }
    return n;
  }
  // Calls fn(docid) for each member, in increasing order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (size_t i = 0; i < words_.size(); ++i) {
      uint64_t w = words_[i];
      while (w) {
        const int bit = std::countr_zero(w);
        fn(static_cast<Xapian::docid>(i * 64 + static_cast<size_t>(bit)));
        w &= w - 1;
      }
    }
  }

 private:
  void ClearTail() {
    if (size_ % 64 && !words_.empty()) words_.back() &= (uint64_t{1} << (size_ % 64)) - 1;
  }
  Xapian::docid size_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace praxis
