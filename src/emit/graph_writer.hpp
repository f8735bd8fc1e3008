#pragma once
// The emit stage: a KnowledgeGraph as triples into any TripleSink, with IRIs
// minted from content-derived keys and literals typed (xsd:date) or
// language-tagged (@en). Output order is deterministic.
#include <cstddef>
#include <memory>
#include <vector>

#include "model/model.hpp"
#include "rdf/iri.hpp"
#include "rdf/sink.hpp"

namespace newsgraph {

struct EmitOptions {
  std::string base = "https://w3id.org/newsgraph/resource/";
  bool evidence = true;  // write Evidence nodes (sentence text and offsets)
};

// Returns the number of triples written.
std::size_t emit_graph(const KnowledgeGraph& graph, const EmitOptions& options, rdf::TripleSink& sink);

// The graph's nodes cut into parts that can be emitted independently, on
// several threads at once: parts 0, 1, ... emitted one after the other give
// the same prefixes and triples, in the same order, as emit_graph (a sentence
// is written with the first node whose evidence names it, whichever part
// that is). For line-based syntaxes, whose statements can be written apart
// and concatenated. `graph` and `options` must outlive the parts.
//
// A part holds nodes worth about `weight_per_part`: a node weighs one, plus
// one per source (its evidence is most of what it writes).
class GraphParts {
 public:
  GraphParts(const KnowledgeGraph& graph, const EmitOptions& options, std::size_t weight_per_part);
  ~GraphParts();
  GraphParts(const GraphParts&) = delete;
  GraphParts& operator=(const GraphParts&) = delete;

  std::size_t size() const noexcept { return bounds_.size() - 1; }
  // Writes part `part` (< size()); safe to call from several threads at once.
  // Returns the number of triples written.
  std::size_t emit(std::size_t part, rdf::TripleSink& sink) const;

 private:
  struct Index;  // articles by id, and which node writes each sentence
  void cut(std::size_t weight_per_part);
  void find_sentence_owners();

  const KnowledgeGraph& graph_;
  const EmitOptions& options_;
  std::unique_ptr<Index> index_;
  std::vector<std::size_t> bounds_;  // part i is nodes bounds_[i] to bounds_[i + 1]
};

}  // namespace newsgraph
