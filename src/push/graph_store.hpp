#pragma once
// The SPARQL 1.1 Graph Store HTTP Protocol, indirect graph identification:
// ENDPOINT?graph=IRI names a graph, ENDPOINT?default the default graph.
// PUT replaces a graph, POST adds to it, DELETE drops it.
// (Virtuoso: ENDPOINT is http://HOST:PORT/sparql-graph-crud-auth, with Digest
// authentication; ".../sparql-graph-crud" without, where allowed.)
#include <string>

#include "push/http_client.hpp"

namespace newsgraph::push {

class GraphStore {
 public:
  GraphStore(std::string endpoint, Credentials credentials = {}, long timeout_seconds = 300);

  // `turtle` (Turtle or N-Triples) replaces graph `graph_iri` ("" = the
  // default graph). Returns the HTTP status (201 created, 200 or 204 replaced).
  // Throws InputError for any status that is not 2xx, with what the server said.
  long put(const std::string& graph_iri, const std::string& turtle);
  // Adds `turtle` to the graph.
  long post(const std::string& graph_iri, const std::string& turtle);
  // Drops the graph; a graph that does not exist (404) is not an error.
  long remove(const std::string& graph_iri);

  const std::string& endpoint() const noexcept { return endpoint_; }
  // The URL that names `graph_iri` ("" = the default graph).
  std::string graph_url(const std::string& graph_iri) const;

 private:
  long send(const char* method, const std::string& graph_iri, const std::string* body);

  std::string endpoint_;
  HttpClient http_;
};

}  // namespace newsgraph::push
