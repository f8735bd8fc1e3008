#pragma once
// Extraction on N threads with results handed back in input order.
//
// The reader pushes articles from the calling thread; workers run the
// (const, stateless) Extractor on them; finished facts are delivered on the
// calling thread, in the order the articles were submitted. So the rest of
// the pipeline (merge, emit, the sink) stays single-threaded and the output
// is byte-for-byte the same for any number of jobs.
//
// Memory is bounded: at most `window()` articles are in flight (queued,
// being extracted, or finished but waiting for an earlier one); submit()
// blocks, delivering what is ready, until one is delivered.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "model/model.hpp"

namespace newsgraph {

class ExtractPool {
 public:
  // Must be safe to call from several threads at once (Extractor::extract is).
  using Extract = std::function<ArticleFacts(Article&&)>;
  using Deliver = std::function<void(ArticleFacts&&)>;

  // `jobs` threads (1: extraction runs inline in submit(), no thread).
  // `deliver` runs on the thread calling submit()/finish(); an exception it
  // throws propagates out of that call, and so does one thrown by `extract`
  // (when that article's turn to be delivered comes).
  ExtractPool(unsigned jobs, Extract extract, Deliver deliver);
  ~ExtractPool();  // stops and joins the workers; undelivered work is dropped
  ExtractPool(const ExtractPool&) = delete;
  ExtractPool& operator=(const ExtractPool&) = delete;

  void submit(Article&& article);
  // Waits for every submitted article and delivers the rest.
  void finish();

  std::size_t window() const noexcept { return window_; }

 private:
  struct Result {
    ArticleFacts facts;
    std::exception_ptr error;
  };

  void work() noexcept;
  // Delivers consecutive finished results; `lock` is held on entry and exit.
  void deliver_ready(std::unique_lock<std::mutex>& lock);
  void stop() noexcept;

  Extract extract_;
  Deliver deliver_;
  std::size_t window_;

  std::mutex mutex_;
  std::condition_variable work_ready_;    // workers wait for queue_ or stopping_
  std::condition_variable result_ready_;  // the submitter waits for results_
  std::deque<std::pair<std::size_t, Article>> queue_;
  std::map<std::size_t, Result> results_;
  std::size_t submitted_ = 0;
  std::size_t delivered_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: started after everything above exists
};

// The number of jobs `--jobs 0` means: the cores this process may use.
unsigned default_jobs();

}  // namespace newsgraph
