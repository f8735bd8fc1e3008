#pragma once
// Sink adaptors the streaming build puts in front of the writer:
//   NamedGraphSink  puts every triple into one named graph (an article's),
//                   optionally remembering it in a TripleSet;
//   NewTriplesSink  puts into one named graph only the triples a TripleSet
//                   does not hold (the cross-article merges graph).
// Neither calls finish() on the sink behind it: one writer serves many graphs.
#include <cstddef>
#include <string>
#include <unordered_set>

#include "rdf/sink.hpp"

namespace newsgraph {

// A set of triples (subject, predicate, object; the graph is ignored), exact.
class TripleSet {
 public:
  void insert(const rdf::Triple& triple) { keys_.insert(key(triple)); }
  bool contains(const rdf::Triple& triple) const { return keys_.count(key(triple)) != 0; }
  std::size_t size() const noexcept { return keys_.size(); }
  void clear() noexcept { keys_.clear(); }

 private:
  static std::string key(const rdf::Triple& triple);
  std::unordered_set<std::string> keys_;
};

class NamedGraphSink final : public rdf::TripleSink {
 public:
  NamedGraphSink(rdf::TripleSink& next, std::string graph_iri, TripleSet* remember = nullptr)
      : next_(next), graph_(rdf::Term::iri(std::move(graph_iri))), remember_(remember) {}
  void prefix(std::string_view name, std::string_view iri) override { next_.prefix(name, iri); }
  void add(const rdf::Triple& triple) override;

 private:
  rdf::TripleSink& next_;
  rdf::Term graph_;
  TripleSet* remember_;
};

class NewTriplesSink final : public rdf::TripleSink {
 public:
  NewTriplesSink(rdf::TripleSink& next, std::string graph_iri, const TripleSet& known)
      : next_(next), graph_(rdf::Term::iri(std::move(graph_iri))), known_(known) {}
  void prefix(std::string_view name, std::string_view iri) override { next_.prefix(name, iri); }
  void add(const rdf::Triple& triple) override;
  std::size_t written() const noexcept { return written_; }

 private:
  rdf::TripleSink& next_;
  rdf::Term graph_;
  const TripleSet& known_;
  std::size_t written_ = 0;
};

}  // namespace newsgraph
