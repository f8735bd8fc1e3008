#pragma once
// Validating graphs against SHACL shapes with a real SHACL engine (Apache
// Jena, run as a JVM process): inputs are read and merged with our own RDF
// reader, the engine's report is read back and normalised.
#include <string>
#include <vector>

#include "validate/shacl_report.hpp"

namespace newsgraph::validate {

// The shapes newsgraph publishes: ontology/shapes.ttl under data_root().
std::string default_shapes_path();

// Validates the union of `graphs` against the shapes in `shapes_path`.
// Results are sorted and free of duplicates; blank nodes of the inputs are
// named as data_graph.hpp describes. Throws InputError for unreadable or
// malformed input (file:line:column), or when the engine is missing or fails.
ValidationReport validate_graphs(const std::vector<std::string>& graphs, const std::string& shapes_path);

}  // namespace newsgraph::validate
