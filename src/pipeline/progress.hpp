#pragma once
// The progress line a long build shows on a terminal:
//   "newsgraph: 1234 articles, 56.7 MB, 3.4 MB/s, 41% ETA 0:21"
// rewritten in place at most four times a second. The CLI creates one only
// when standard error is a terminal and --quiet is not given, so pipes and
// logs never see it.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace newsgraph {

class ProgressMeter {
 public:
  // `total_bytes`: the size of the inputs when known (0 = unknown: no ETA).
  ProgressMeter(std::FILE* out, std::uint64_t total_bytes);
  ~ProgressMeter();  // erases the line if still shown
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // One more article done; `bytes` is its size in the input.
  void article_done(std::uint64_t bytes);
  // Every article is done; says so, and that merging and writing follow.
  void merging();
  // Erases the line, so the summary that follows starts on a clean one.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  void draw(Clock::time_point now);

  std::FILE* out_;
  std::uint64_t total_bytes_;
  std::uint64_t bytes_ = 0;
  std::uint64_t articles_ = 0;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  bool shown_ = false;
};

// The text of the progress line (without "\r"), for a given state; separate
// so that it can be tested without a terminal.
std::string progress_text(std::uint64_t articles, std::uint64_t bytes, std::uint64_t total_bytes,
                          double seconds);

// Sum of the sizes of the article files the inputs name (directories walked
// for *.txt and *.jsonl); 0 when any input is standard input or unreadable,
// since then no ETA can be given.
std::uint64_t input_bytes(const std::vector<std::string>& inputs);

}  // namespace newsgraph
