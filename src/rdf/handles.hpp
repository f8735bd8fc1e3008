#pragma once
// Move-only owners for the C handles of Serd and Sord. Each is a
// std::unique_ptr whose deleter calls the library's own free function, so a
// handle is released exactly once on every path, exceptions included.
// (sordmm.hpp is not used: its iterator move is unsafe.)
#include <memory>
#include <new>
#include <utility>

#include <serd/serd.h>
#include <sord/sord.h>

namespace newsgraph::rdf {

// Deleter calling a C free function; null is never passed to it.
template <auto FreeFunction>
struct CFree {
  template <typename T>
  void operator()(T* handle) const noexcept {
    if (handle != nullptr) FreeFunction(handle);
  }
};

using SerdEnvPtr = std::unique_ptr<SerdEnv, CFree<&serd_env_free>>;
using SerdWriterPtr = std::unique_ptr<SerdWriter, CFree<&serd_writer_free>>;
using SerdReaderPtr = std::unique_ptr<SerdReader, CFree<&serd_reader_free>>;
using SordWorldPtr = std::unique_ptr<SordWorld, CFree<&sord_world_free>>;
using SordModelPtr = std::unique_ptr<SordModel, CFree<&sord_free>>;
using SordIterPtr = std::unique_ptr<SordIter, CFree<&sord_iter_free>>;

// Sord nodes are reference counted per world, so releasing one needs the world.
struct SordNodeRelease {
  SordWorld* world = nullptr;
  void operator()(SordNode* node) const noexcept {
    if (node != nullptr) sord_node_free(world, node);
  }
};
using SordNodePtr = std::unique_ptr<SordNode, SordNodeRelease>;

// A SerdNode whose string Serd allocated (serd_env_expand_node,
// serd_node_new_*); freed with serd_node_free. Serd returns these by value,
// so this is a small value type rather than a pointer.
class SerdNodeValue {
 public:
  SerdNodeValue() noexcept : node_(SERD_NODE_NULL) {}
  explicit SerdNodeValue(SerdNode owned) noexcept : node_(owned) {}
  SerdNodeValue(SerdNodeValue&& other) noexcept : node_(std::exchange(other.node_, SERD_NODE_NULL)) {}
  SerdNodeValue& operator=(SerdNodeValue&& other) noexcept {
    if (this != &other) {
      serd_node_free(&node_);
      node_ = std::exchange(other.node_, SERD_NODE_NULL);
    }
    return *this;
  }
  SerdNodeValue(const SerdNodeValue&) = delete;
  SerdNodeValue& operator=(const SerdNodeValue&) = delete;
  ~SerdNodeValue() { serd_node_free(&node_); }

  const SerdNode* get() const noexcept { return &node_; }
  bool empty() const noexcept { return node_.buf == nullptr; }

 private:
  SerdNode node_;
};

// Turns a null result of a C constructor into std::bad_alloc, the only way
// these constructors fail.
template <typename Ptr>
Ptr checked(Ptr handle) {
  if (!handle) throw std::bad_alloc();
  return handle;
}

}  // namespace newsgraph::rdf
