#pragma once
// The --timeout budget of one query. Evaluation code polls expired() in its
// loops (our triples source, path closure, result reading); once it has
// fired, everything stops producing rows and the engine reports the timeout.
#include <chrono>
#include <cstdint>
#include <optional>

namespace newsgraph::query {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  Deadline() = default;  // never expires
  explicit Deadline(std::optional<std::chrono::milliseconds> budget) {
    if (budget) at_ = Clock::now() + *budget;
  }

  // Cheap enough to call per row: reads the clock every 256th call.
  bool expired() noexcept {
    if (fired_) return true;
    if (!at_ || (++calls_ & 0xFF) != 0) return false;
    fired_ = Clock::now() >= *at_;
    return fired_;
  }
  bool fired() const noexcept { return fired_; }

 private:
  std::optional<Clock::time_point> at_;
  std::uint32_t calls_ = 0;
  bool fired_ = false;
};

}  // namespace newsgraph::query
