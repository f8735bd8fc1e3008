#include "pipeline/ordered_blocks.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <thread>
#include <utility>

#include "pipeline/extract_pool.hpp"

namespace newsgraph {

namespace {

constexpr std::size_t kSlack = std::size_t{1} << 14;  // room for the statement that ends a block

// Unwinds a worker whose render was stopped (an error elsewhere).
struct Stopped {};

// The state render_in_order() shares with its threads.
class OrderedBlocks {
 public:
  OrderedBlocks(std::size_t count, std::size_t max_held) : slots_(count), max_held_(max_held) {}

  // The next item to render, or false when none is left or the run stops.
  bool next_item(std::size_t& item) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || next_ >= slots_.size()) return false;
    item = next_++;
    return true;
  }

  // A block of `item`; waits while too many are held, unless `item` is the
  // one being written (so it always moves on). Throws Stopped once stopping.
  void post(std::size_t item, std::string&& block) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return stopping_ || item == writing_ || held_ < max_held_; });
    if (stopping_) throw Stopped{};
    slots_[item].blocks.push_back(std::move(block));
    ++held_;
    if (item == writing_) block_ready_.notify_one();
  }

  void done(std::size_t item, std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    slots_[item].done = true;
    slots_[item].error = std::move(error);
    if (item == writing_) block_ready_.notify_one();
  }

  // Writes every item's blocks in order (on the calling thread).
  void write_all(BlockPool& pool, const std::function<void(std::string_view)>& write) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (std::size_t item = 0; item < slots_.size(); ++item) {
      Slot& slot = slots_[item];
      for (;;) {
        while (!slot.blocks.empty()) {
          std::string block = std::move(slot.blocks.front());
          slot.blocks.pop_front();
          --held_;
          room_.notify_all();
          lock.unlock();
          write(block);
          pool.give(std::move(block));
          lock.lock();
        }
        if (slot.done) break;
        block_ready_.wait(lock);
      }
      if (slot.error) std::rethrow_exception(slot.error);
      writing_ = item + 1;
      room_.notify_all();
    }
  }

  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    room_.notify_all();
  }

 private:
  struct Slot {
    std::deque<std::string> blocks;
    bool done = false;
    std::exception_ptr error;
  };

  std::mutex mutex_;
  std::condition_variable block_ready_;  // the writer waits for a block of `writing_`
  std::condition_variable room_;         // workers wait for held_ to drop, or their turn
  std::vector<Slot> slots_;
  const std::size_t max_held_;
  std::size_t next_ = 0;     // the next item to render
  std::size_t writing_ = 0;  // the item being written
  std::size_t held_ = 0;     // blocks rendered, not yet written
  bool stopping_ = false;
};

}  // namespace

std::string BlockPool::take() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      std::string block = std::move(free_.back());
      free_.pop_back();
      return block;
    }
  }
  std::string block;
  block.reserve(kBlockBytes + kSlack);
  return block;
}

void BlockPool::give(std::string&& block) {
  block.clear();
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_.size() < kKept) free_.push_back(std::move(block));
}

BlockRenderer::BlockRenderer(BlockPool& pool, rdf::RdfSyntax syntax, PostBlock post)
    : pool_(pool), post_(std::move(post)), block_(pool.take()), writer_(block_, syntax) {}

BlockRenderer::~BlockRenderer() { pool_.give(std::move(block_)); }

void BlockRenderer::add(const rdf::Triple& triple) {
  writer_.add(triple);
  // The writer appends to block_ (the object, whatever its buffer): the
  // fresh buffer moved in is where the next statement goes.
  if (block_.size() >= BlockPool::kBlockBytes) {
    std::string full = std::move(block_);
    block_ = pool_.take();
    post_(std::move(full));
  }
}

void BlockRenderer::finish() {
  writer_.finish();
  if (!block_.empty()) {
    std::string last = std::move(block_);
    block_ = pool_.take();
    post_(std::move(last));
  }
}

double render_in_order(std::size_t count, unsigned jobs, BlockPool& pool, std::size_t max_held,
                       const std::function<std::size_t(std::size_t item, const PostBlock& post)>& render,
                       const std::function<void(std::string_view)>& write, std::size_t& statements) {
  OrderedBlocks shared(count, max_held);
  std::atomic<std::size_t> total{0};
  std::atomic<long long> cpu_ns{0};
  auto work = [&] {
    const double cpu_start = thread_cpu_seconds();
    std::size_t item = 0;
    while (shared.next_item(item)) {
      try {
        total += render(item, [&shared, item](std::string&& block) { shared.post(item, std::move(block)); });
        shared.done(item, nullptr);
      } catch (const Stopped&) {
        break;
      } catch (...) {
        shared.done(item, std::current_exception());
      }
    }
    cpu_ns += static_cast<long long>((thread_cpu_seconds() - cpu_start) * 1e9);
  };
  std::vector<std::thread> threads;
  // Stops and joins the threads on every way out, errors included.
  struct Join {
    OrderedBlocks& shared;
    std::vector<std::thread>& threads;
    void operator()() {
      shared.stop();
      for (auto& t : threads) t.join();
      threads.clear();
    }
    ~Join() { (*this)(); }
  } join{shared, threads};
  threads.reserve(jobs);
  for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(work);
  shared.write_all(pool, write);
  join();
  statements += total.load();
  return static_cast<double>(cpu_ns.load()) / 1e9;
}

}  // namespace newsgraph
