#pragma once
// Sinks of the streaming build:
//   NamedGraphSink  puts one article's graph into its named graph (and keeps
//                   the fingerprints of its triples), on a worker thread, on
//                   its way to a renderer or a recorder whose output the
//                   calling thread writes in input order;
//   NewTriplesSink  puts into one named graph only the triples a TripleSet
//                   does not hold (the cross-article merges graph).
// None calls finish() on a sink behind it: one writer serves many graphs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph {

// A set of triples (subject, predicate, object; the graph is ignored) kept
// as 128-bit fingerprints: 16 bytes a triple instead of its text. Two
// different triples share a fingerprint with probability about n^2 / 2^129
// (below 1e-26 for a million triples); that would drop one merges triple.
//
// Open addressing in one array (a window holds hundreds of thousands of
// triples: a node allocated per insert was a fifth of the streamed build's
// serial time).
class TripleSet {
 public:
  struct Fingerprint {
    std::uint64_t a = 0, b = 0;
    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
  };

  void insert(const rdf::Triple& triple) { insert(fingerprint(triple)); }
  void insert(const Fingerprint& fingerprint);
  bool contains(const rdf::Triple& triple) const { return contains(fingerprint(triple)); }
  bool contains(const Fingerprint& fingerprint) const;
  std::size_t size() const noexcept { return size_; }
  void clear() noexcept;

  // Never {0, 0}: that marks an empty slot.
  static Fingerprint fingerprint(const rdf::Triple& triple) noexcept;

 private:
  std::size_t slot_of(const Fingerprint& f) const noexcept;  // its slot, or the empty one it would take
  void grow();

  std::vector<Fingerprint> slots_;  // a power of two long, at most half full
  std::size_t size_ = 0;
};

// Puts every triple into the named graph `graph_iri` on its way to `next`,
// and appends its fingerprint to `fingerprints` unless that is null.
class NamedGraphSink final : public rdf::TripleSink {
 public:
  NamedGraphSink(rdf::TripleSink& next, std::string graph_iri,
                 std::vector<TripleSet::Fingerprint>* fingerprints)
      : next_(next), fingerprints_(fingerprints) {
    quad_.graph = rdf::Term::iri(std::move(graph_iri));
  }
  void prefix(std::string_view name, std::string_view iri) override { next_.prefix(name, iri); }
  void add(const rdf::Triple& triple) override;

 private:
  rdf::TripleSink& next_;
  std::vector<TripleSet::Fingerprint>* fingerprints_;
  rdf::Triple quad_;
};

class NewTriplesSink final : public rdf::TripleSink {
 public:
  NewTriplesSink(rdf::TripleSink& next, std::string graph_iri, const TripleSet& known)
      : next_(next), graph_(rdf::Term::iri(std::move(graph_iri))), known_(known) {
    quad_.graph = graph_;
  }
  void prefix(std::string_view name, std::string_view iri) override { next_.prefix(name, iri); }
  void add(const rdf::Triple& triple) override;
  std::size_t written() const noexcept { return written_; }

 private:
  rdf::TripleSink& next_;
  rdf::Term graph_;
  const TripleSet& known_;
  std::size_t written_ = 0;
  rdf::Triple quad_;
};

}  // namespace newsgraph
