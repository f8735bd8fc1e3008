#pragma once
// The raw input offset of every byte of a normalised text
// (Article::original_offset), kept as runs of consecutive offsets.
// Normalisation copies most bytes one for one, so a text needs a run per
// folded character or line break instead of 8 bytes per byte of text (4 GB
// for one article of 500 MB).
#include <algorithm>
#include <cstddef>
#include <vector>

namespace newsgraph {

class OffsetMap {
 public:
  // Appends the offsets raw, raw + 1, ..., raw + n - 1.
  void append(std::size_t raw, std::size_t n = 1) {
    if (n == 0) return;
    if (!runs_.empty() && runs_.back().raw + runs_.back().length == raw) {
      runs_.back().length += n;
    } else {
      runs_.push_back(Run{size_, raw, n});
    }
    size_ += n;
  }

  void pop_back() {
    if (--runs_.back().length == 0) runs_.pop_back();
    --size_;
  }

  // The raw offset of text byte i (i < size()).
  std::size_t operator[](std::size_t i) const {
    const auto run = std::upper_bound(runs_.begin(), runs_.end(), i,
                                      [](std::size_t k, const Run& r) { return k < r.text; }) -
                     1;
    return run->raw + (i - run->text);
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::size_t back() const { return (*this)[size_ - 1]; }
  std::size_t runs() const noexcept { return runs_.size(); }

  std::vector<std::size_t> to_vector() const {
    std::vector<std::size_t> out;
    out.reserve(size_);
    for (const auto& r : runs_) {
      for (std::size_t k = 0; k < r.length; ++k) out.push_back(r.raw + k);
    }
    return out;
  }

  // Runs are always maximal (append extends the last one when it can), so
  // equal offsets mean equal runs.
  friend bool operator==(const OffsetMap&, const OffsetMap&) = default;

 private:
  struct Run {
    std::size_t text = 0;  // first text byte of the run
    std::size_t raw = 0;   // its raw offset
    std::size_t length = 0;
    friend bool operator==(const Run&, const Run&) = default;
  };
  std::vector<Run> runs_;
  std::size_t size_ = 0;
};

}  // namespace newsgraph
