#pragma once
// The graphs to validate, merged into one N-Triples file for the SHACL
// engine, which reads one data graph. Each input is read with our own reader,
// so a syntax error names file:line:column before any JVM starts.
//
// Blank nodes cannot be named across processes (the engine relabels them), so
// they travel as skolem IRIs (one namespace per input, so that _:b1 of two
// files stay two nodes) and come back as blank nodes labelled g<N>_<label>,
// N being the input's position from 1.
#include <cstddef>
#include <string>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph::validate {

// Writes the union of `graphs` (any syntax our reader knows; named graphs are
// merged into one) to `path` as N-Triples. With `skolemize`, blank nodes
// become skolem IRIs as described above. Returns the number of triples
// written. Throws InputError for unreadable or malformed input.
std::size_t write_merged_ntriples(const std::vector<std::string>& graphs, const std::string& path,
                                  bool skolemize);

// The blank node a skolem IRI stands for; any other term unchanged.
rdf::Term restore_blank_node(const rdf::Term& term);

}  // namespace newsgraph::validate
