#pragma once
// `newsgraph push`: graphs or articles into a triple store, one named graph
// at a time, over the Graph Store Protocol.
//
//   articles, no --graph   streamed (pipeline build_stream): each article's
//                          graph PUT to its article IRI as soon as it is
//                          extracted, so pushing an article again replaces
//                          it; the merges graph is POSTed (added to).
//   articles, --graph IRI  built as one merged graph, PUT to IRI.
//   .nq / .trig files      each named graph PUT to its own IRI; default-graph
//                          triples as for .ttl/.nt.
//   .ttl / .nt files       PUT to --graph IRI, else to BASE/graph/FILE-STEM.
// Memory: a streamed push holds one article (and the merges window); a file
// is read whole.
#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"
#include "push/graph_store.hpp"

namespace newsgraph::push {

struct PushOptions {
  std::string endpoint;  // the Graph Store endpoint URL
  std::string graph;     // "" = per article / per named graph / per file
  Credentials credentials;
  long timeout_seconds = 300;
  BuildOptions build;  // for article inputs
};

struct PushSummary {
  ReadReport report;       // articles read and skipped (article inputs)
  std::size_t graphs = 0;  // requests that stored a graph
  std::size_t triples = 0;
  double seconds = 0;
};

PushSummary push_inputs(const std::vector<std::string>& inputs, const PushOptions& options);

// True for the inputs read as RDF (by extension: .ttl .turtle .nt .nq .trig, or "-").
bool is_graph_file(const std::string& path);

// The graph a .ttl/.nt file goes to without --graph: BASE/graph/<stem>.
std::string file_graph_iri(const std::string& base, const std::string& path);

// "pushed 6 graphs (3354 triples) to URL in 0.80 s"
std::string push_summary_line(const PushSummary& summary, const std::string& endpoint);

}  // namespace newsgraph::push
