#pragma once
// Work on N threads with results handed back in input order.
//
// The calling thread submits inputs (articles from the reader); workers run a
// const, stateless function on them (the Extractor; for the streamed build
// extraction plus that article's own graph, rendered); finished results are delivered
// on the calling thread, in the order the inputs were submitted. So what
// follows (merging across articles, the sink) stays single-threaded and the
// output is byte-for-byte the same for any number of jobs.
//
// Memory is bounded: at most `window()` inputs are in flight (queued, being
// worked on, or finished but waiting for an earlier one); submit() blocks,
// delivering what is ready, until one is delivered.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace newsgraph {

// CPU seconds the calling thread has used so far (CLOCK_THREAD_CPUTIME_ID).
double thread_cpu_seconds() noexcept;

// CPU seconds all threads of the process have used so far
// (CLOCK_PROCESS_CPUTIME_ID): less the calling thread's, what threads it
// started and joined used, when no other thread runs meanwhile.
double process_cpu_seconds() noexcept;

template <typename Result, typename Input = Article>
class OrderedPool {
 public:
  // Must be safe to call from several threads at once (Extractor::extract is).
  using Work = std::function<Result(Input&&)>;
  using Deliver = std::function<void(Result&&)>;

  // `jobs` threads (1: the work runs inline in submit(), no thread).
  // `deliver` runs on the thread calling submit()/finish(); an exception it
  // throws propagates out of that call, and so does one thrown by `work`
  // (when that article's turn to be delivered comes).
  OrderedPool(unsigned jobs, Work work, Deliver deliver)
      : work_(std::move(work)), deliver_(std::move(deliver)), window_(jobs <= 1 ? 1 : 4 * std::size_t{jobs}) {
    if (jobs <= 1) return;
    workers_.reserve(jobs);
    try {
      for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { run_worker(); });
    } catch (...) {
      stop();
      throw;
    }
  }
  ~OrderedPool() { stop(); }  // stops and joins the workers; undelivered work is dropped
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  void submit(Input&& input) {
    if (workers_.empty()) {
      deliver_(work_(std::move(input)));
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      deliver_ready(lock);
      if (submitted_ - delivered_ < window_) break;
      result_ready_.wait(lock, [this] { return results_.count(delivered_) != 0; });
    }
    queue_.emplace_back(submitted_++, std::move(input));
    lock.unlock();
    work_ready_.notify_one();
  }

  // Waits for every submitted article and delivers the rest.
  void finish() {
    if (workers_.empty()) return;
    std::unique_lock<std::mutex> lock(mutex_);
    while (delivered_ < submitted_) {
      result_ready_.wait(lock, [this] { return results_.count(delivered_) != 0; });
      deliver_ready(lock);
    }
  }

  std::size_t window() const noexcept { return window_; }

  // CPU seconds the worker threads have spent so far (0 with one job, whose
  // work runs on the calling thread). For the --jobs figures (docs/scaling.md).
  double worker_cpu_seconds() const noexcept { return worker_cpu_ns_.load() / 1e9; }

 private:
  struct Outcome {
    Result result;
    std::exception_ptr error;
  };

  // Delivers consecutive finished results; `lock` is held on entry and exit.
  void deliver_ready(std::unique_lock<std::mutex>& lock) {
    for (auto it = results_.find(delivered_); it != results_.end(); it = results_.find(delivered_)) {
      Outcome outcome = std::move(it->second);
      results_.erase(it);
      ++delivered_;
      lock.unlock();
      // Relock on every path, exceptions included: the caller's lock owns the mutex again.
      struct Relock {
        std::unique_lock<std::mutex>& lock;
        ~Relock() { lock.lock(); }
      } relock{lock};
      if (outcome.error) std::rethrow_exception(outcome.error);
      deliver_(std::move(outcome.result));
    }
  }

  void run_worker() noexcept {
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      auto [seq, input] = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      const double cpu_start = thread_cpu_seconds();
      Outcome outcome;
      try {
        outcome.result = work_(std::move(input));
      } catch (...) {
        outcome.error = std::current_exception();
      }
      worker_cpu_ns_ += static_cast<long long>((thread_cpu_seconds() - cpu_start) * 1e9);
      lock.lock();
      results_.emplace(seq, std::move(outcome));
      const bool next_in_order = seq == delivered_;
      lock.unlock();
      if (next_in_order) result_ready_.notify_one();
    }
  }

  void stop() noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      queue_.clear();
    }
    work_ready_.notify_all();
    for (auto& w : workers_) {
      if (w.joinable()) w.join();
    }
    workers_.clear();
  }

  Work work_;
  Deliver deliver_;
  std::size_t window_;

  std::mutex mutex_;
  std::condition_variable work_ready_;    // workers wait for queue_ or stopping_
  std::condition_variable result_ready_;  // the submitter waits for results_
  std::deque<std::pair<std::size_t, Input>> queue_;
  std::map<std::size_t, Outcome> results_;
  std::size_t submitted_ = 0;
  std::size_t delivered_ = 0;
  bool stopping_ = false;
  std::atomic<long long> worker_cpu_ns_{0};
  std::vector<std::thread> workers_;  // last: started after everything above exists
};

// Extraction alone: Article -> ArticleFacts.
using ExtractPool = OrderedPool<ArticleFacts>;

// The number of jobs `--jobs 0` means: the cores this process may use.
unsigned default_jobs();

}  // namespace newsgraph
