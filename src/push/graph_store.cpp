#include "push/graph_store.hpp"

#include "util/error.hpp"

namespace newsgraph::push {

GraphStore::GraphStore(std::string endpoint, Credentials credentials, long timeout_seconds)
    : endpoint_(std::move(endpoint)), http_(std::move(credentials), timeout_seconds) {}

std::string GraphStore::graph_url(const std::string& graph_iri) const {
  const char joiner = endpoint_.find('?') == std::string::npos ? '?' : '&';
  return endpoint_ + joiner +
         (graph_iri.empty() ? std::string("default") : "graph=" + url_encoded(graph_iri));
}

long GraphStore::send(const char* method, const std::string& graph_iri, const std::string* body) {
  HttpRequest request;
  request.method = method;
  request.url = graph_url(graph_iri);
  if (body != nullptr) {
    request.headers.emplace_back("Content-Type", "text/turtle; charset=utf-8");
    request.body = *body;
  }
  const HttpResponse response = http_.send(request);
  const bool missing_is_fine = request.method == "DELETE" && response.status == 404;
  if (!response.ok() && !missing_is_fine) {
    throw InputError(request.method + " " + request.url + ": " + describe_failure(response));
  }
  return response.status;
}

long GraphStore::put(const std::string& graph_iri, const std::string& turtle) {
  return send("PUT", graph_iri, &turtle);
}
long GraphStore::post(const std::string& graph_iri, const std::string& turtle) {
  return send("POST", graph_iri, &turtle);
}
long GraphStore::remove(const std::string& graph_iri) { return send("DELETE", graph_iri, nullptr); }

}  // namespace newsgraph::push
