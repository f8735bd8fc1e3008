#pragma once
// Sinks of the streaming build:
//   GraphRecorder   records one article's graph as quads (and their
//                   fingerprints), on a worker thread, for the calling thread
//                   to write in input order;
//   NewTriplesSink  puts into one named graph only the triples a TripleSet
//                   does not hold (the cross-article merges graph).
// None calls finish() on a sink behind it: one writer serves many graphs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph {

// A set of triples (subject, predicate, object; the graph is ignored) kept
// as 128-bit fingerprints: 16 bytes a triple instead of its text. Two
// different triples share a fingerprint with probability about n^2 / 2^129
// (below 1e-26 for a million triples); that would drop one merges triple.
class TripleSet {
 public:
  struct Fingerprint {
    std::uint64_t a = 0, b = 0;
    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
  };

  void insert(const rdf::Triple& triple) { keys_.insert(fingerprint(triple)); }
  void insert(const Fingerprint& fingerprint) { keys_.insert(fingerprint); }
  bool contains(const rdf::Triple& triple) const { return keys_.count(fingerprint(triple)) != 0; }
  std::size_t size() const noexcept { return keys_.size(); }
  void clear() noexcept { keys_.clear(); }

  static Fingerprint fingerprint(const rdf::Triple& triple) noexcept;

 private:
  struct Hash {
    std::size_t operator()(const Fingerprint& f) const noexcept { return static_cast<std::size_t>(f.a); }
  };
  std::unordered_set<Fingerprint, Hash> keys_;
};

class GraphRecorder final : public rdf::TripleSink {
 public:
  GraphRecorder(std::string graph_iri, bool with_fingerprints)
      : graph_(rdf::Term::iri(std::move(graph_iri))), with_fingerprints_(with_fingerprints) {}
  void prefix(std::string_view name, std::string_view iri) override {
    prefixes.push_back(rdf::Prefix{std::string(name), std::string(iri)});
  }
  void add(const rdf::Triple& triple) override;

  std::vector<rdf::Prefix> prefixes;
  std::vector<rdf::Triple> quads;
  std::vector<TripleSet::Fingerprint> fingerprints;  // of each triple, when asked for

 private:
  rdf::Term graph_;
  bool with_fingerprints_;
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
