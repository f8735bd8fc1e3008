#include "pipeline/extract_pool.hpp"

#include <sched.h>

namespace newsgraph {

ExtractPool::ExtractPool(unsigned jobs, Extract extract, Deliver deliver)
    : extract_(std::move(extract)), deliver_(std::move(deliver)), window_(jobs <= 1 ? 1 : 4 * std::size_t{jobs}) {
  if (jobs <= 1) return;
  workers_.reserve(jobs);
  try {
    for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
  } catch (...) {
    stop();
    throw;
  }
}

ExtractPool::~ExtractPool() { stop(); }

void ExtractPool::stop() noexcept {
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

void ExtractPool::submit(Article&& article) {
  if (workers_.empty()) {
    deliver_(extract_(std::move(article)));
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    deliver_ready(lock);
    if (submitted_ - delivered_ < window_) break;
    result_ready_.wait(lock, [this] { return results_.count(delivered_) != 0; });
  }
  queue_.emplace_back(submitted_++, std::move(article));
  lock.unlock();
  work_ready_.notify_one();
}

void ExtractPool::finish() {
  if (workers_.empty()) return;
  std::unique_lock<std::mutex> lock(mutex_);
  while (delivered_ < submitted_) {
    result_ready_.wait(lock, [this] { return results_.count(delivered_) != 0; });
    deliver_ready(lock);
  }
}

void ExtractPool::deliver_ready(std::unique_lock<std::mutex>& lock) {
  for (auto it = results_.find(delivered_); it != results_.end(); it = results_.find(delivered_)) {
    Result result = std::move(it->second);
    results_.erase(it);
    ++delivered_;
    lock.unlock();
    // Relock on every path, exceptions included: the caller's lock owns the mutex again.
    struct Relock {
      std::unique_lock<std::mutex>& lock;
      ~Relock() { lock.lock(); }
    } relock{lock};
    if (result.error) std::rethrow_exception(result.error);
    deliver_(std::move(result.facts));
  }
}

void ExtractPool::work() noexcept {
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [seq, article] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Result result;
    try {
      result.facts = extract_(std::move(article));
    } catch (...) {
      result.error = std::current_exception();
    }
    lock.lock();
    results_.emplace(seq, std::move(result));
    const bool next_in_order = seq == delivered_;
    lock.unlock();
    if (next_in_order) result_ready_.notify_one();
  }
}

unsigned default_jobs() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace newsgraph
