#pragma once
// Text rendered on worker threads in fixed-size blocks, written in order.
//
// A part of the merged graph can render to tens of MB (a node with thousands
// of sources; hundreds of MB at 100 MB of news). Rendered whole into one
// string before being written, it took fresh pages at every doubling (a page
// fault per 4 KB of output: a third more CPU for --jobs 2, most of it in the
// kernel) and the parts in flight doubled the peak memory. Here the text goes
// into blocks of 256 KB taken from a pool and given back once written, and
// render_in_order() writes the blocks of the oldest item while it is still
// being rendered: memory stays bounded whatever the size of an item.
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rdf/serd_writer_sink.hpp"
#include "rdf/sink.hpp"
#include "rdf/syntax.hpp"

namespace newsgraph {

// Blocks of one capacity, reused (so the allocator takes each back as it is
// given, with no fresh pages). Safe to use from several threads at once.
class BlockPool {
 public:
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 18;

  std::string take();  // empty, kBlockBytes and some reserved
  void give(std::string&& block);

 private:
  static constexpr std::size_t kKept = 128;  // 32 MB
  std::mutex mutex_;
  std::vector<std::string> free_;
};

// Receives each full block (and the last one) of a BlockRenderer.
using PostBlock = std::function<void(std::string&&)>;

// Renders statements in a line syntax (N-Triples, N-Quads) into blocks from
// a BlockPool, each closed after the statement that fills it and handed to
// `post`: the blocks, concatenated, are the bytes of one SerdWriterSink.
class BlockRenderer final : public rdf::TripleSink {
 public:
  BlockRenderer(BlockPool& pool, rdf::RdfSyntax syntax, PostBlock post);
  ~BlockRenderer() override;
  BlockRenderer(const BlockRenderer&) = delete;
  BlockRenderer& operator=(const BlockRenderer&) = delete;

  void prefix(std::string_view name, std::string_view iri) override { writer_.prefix(name, iri); }
  void add(const rdf::Triple& triple) override;
  // Posts the last block (if not empty). Nothing may be added after.
  void finish() override;

 private:
  BlockPool& pool_;
  PostBlock post_;
  std::string block_;  // before writer_, which appends to it
  rdf::SerdWriterSink writer_;
};

// Renders items 0 .. count-1 on `jobs` threads (`render` is called with an
// item and where its blocks go, and returns the item's statement count) and
// writes their blocks with `write` on the calling thread, in item order: the
// same bytes as rendering the items one after the other. At most about
// `max_held` blocks wait to be written (an item waits for room unless it is
// the one being written). An exception from `render` is thrown here once the
// items before it are written; one from `write` stops the threads. Returns
// the CPU seconds of the threads; `statements` gets the sum of the counts.
double render_in_order(std::size_t count, unsigned jobs, BlockPool& pool, std::size_t max_held,
                       const std::function<std::size_t(std::size_t item, const PostBlock& post)>& render,
                       const std::function<void(std::string_view)>& write, std::size_t& statements);

}  // namespace newsgraph
