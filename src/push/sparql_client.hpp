#pragma once
// Remote SPARQL queries (SPARQL 1.1 Protocol): for `newsgraph query --endpoint`
// and the push tests.
//
//   std::string json = push::sparql_select("http://127.0.0.1:8890/sparql",
//       "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-results+json");
#include <string>

#include "push/http_client.hpp"

namespace newsgraph::push {

inline constexpr const char* kSparqlJson = "application/sparql-results+json";

// Sends `query` to `endpoint` and returns the response body as the server
// wrote it, in the `accept` media type (SELECT/ASK: application/sparql-results
// +json or +xml, text/csv, text/tab-separated-values; CONSTRUCT: text/turtle,
// application/n-triples). GET with ?query= when the URL stays short, else a
// form-encoded POST (never application/sparql-query, which Virtuoso 7 does
// not answer). Throws InputError when the server cannot be reached, answers
// with a status that is not 2xx (with its message), or says it truncated the
// result (Virtuoso's X-SPARQL-MaxRows), which would silently drop rows.
std::string sparql_select(const std::string& endpoint, const std::string& query, const std::string& accept,
                          const Credentials& credentials = {}, long timeout_seconds = 300);

}  // namespace newsgraph::push
