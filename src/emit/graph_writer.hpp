#pragma once
// The emit stage: a KnowledgeGraph as triples into any TripleSink, with IRIs
// minted from content-derived keys and literals typed (xsd:date) or
// language-tagged (@en). Output order is deterministic.
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

}  // namespace newsgraph
