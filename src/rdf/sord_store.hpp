#pragma once
// The in-memory store queries run on: a Sord model indexed for every triple
// pattern, with named graphs. Nodes are interned by Sord, so a large graph
// costs one copy of each distinct string.
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "rdf/handles.hpp"
#include "rdf/sink.hpp"

namespace newsgraph::rdf {

// The Term a Sord node stands for (a null node gives the default graph's empty IRI).
Term to_term(const SordNode* node);
// A new reference to the Sord node for `term` in `world`.
SordNodePtr make_sord_node(SordWorld* world, const Term& term);

class SordStore {
 public:
  SordStore();  // throws std::bad_alloc
  SordStore(SordStore&&) noexcept = default;
  SordStore& operator=(SordStore&&) noexcept = default;
  SordStore(const SordStore&) = delete;
  SordStore& operator=(const SordStore&) = delete;
  ~SordStore() = default;

  // Adds a quad (Triple::graph names the graph; empty = default graph). The
  // store is a set: adding a quad twice keeps one. Throws InputError for a
  // term in a position RDF does not allow, or one containing a NUL byte.
  void add(const Triple& triple);

  // Prefixes for whoever writes the store out; in the order first given.
  void add_prefix(std::string_view name, std::string_view iri);
  const std::vector<Prefix>& prefixes() const noexcept { return prefixes_; }

  // Number of quads.
  std::size_t size() const;

  // Calls `visit` for every quad whose subject, predicate and object equal
  // the given terms (nullopt matches anything), in any graph, in Sord's
  // index order (deterministic). Stops when `visit` returns false. `visit`
  // must not add to the store.
  void for_each_match(const std::optional<Term>& subject, const std::optional<Term>& predicate,
                      const std::optional<Term>& object,
                      const std::function<bool(const Triple&)>& visit) const;

  // For the query layer, which drives Sord (and Rasqal) directly.
  SordWorld* world() const noexcept { return world_.get(); }
  SordModel* model() const noexcept { return model_.get(); }
  // A new reference to the node for `term` in this store's world.
  SordNodePtr node(const Term& term) const { return make_sord_node(world_.get(), term); }

 private:
  SordWorldPtr world_;
  SordModelPtr model_;  // after world_: freed first, it holds references into the world
  std::vector<Prefix> prefixes_;
};

// The TripleSink that fills a SordStore (and records its prefixes).
class SordInserterSink final : public TripleSink {
 public:
  explicit SordInserterSink(SordStore& store) : store_(store) {}
  void prefix(std::string_view name, std::string_view iri) override { store_.add_prefix(name, iri); }
  void add(const Triple& triple) override { store_.add(triple); }

 private:
  SordStore& store_;
};

}  // namespace newsgraph::rdf
