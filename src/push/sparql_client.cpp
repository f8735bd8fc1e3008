#include "push/sparql_client.hpp"

#include "util/error.hpp"

namespace newsgraph::push {

namespace {

// Longer URLs are refused by some servers and proxies (8 KiB is common).
constexpr std::size_t kMaxGetUrl = 4000;

}  // namespace

std::string sparql_select(const std::string& endpoint, const std::string& query, const std::string& accept,
                          const Credentials& credentials, long timeout_seconds) {
  HttpClient http(credentials, timeout_seconds);
  HttpRequest request;
  const std::string encoded = "query=" + url_encoded(query);
  const char joiner = endpoint.find('?') == std::string::npos ? '?' : '&';
  if (endpoint.size() + 1 + encoded.size() <= kMaxGetUrl) {
    request.url = endpoint + joiner + encoded;
  } else {
    request.method = "POST";
    request.url = endpoint;
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.body = encoded;
  }
  request.headers.emplace_back("Accept", accept);
  const HttpResponse response = http.send(request);
  if (!response.ok()) throw InputError("SPARQL query to " + endpoint + ": " + describe_failure(response));
  const std::string max_rows = response.header("x-sparql-maxrows");
  if (!max_rows.empty()) {
    throw InputError(
        "SPARQL query to " + endpoint + ": the server cut the result at " + max_rows +
        " rows (X-SPARQL-MaxRows); raise its limit (Virtuoso: [SPARQL] ResultSetMaxRows) or use LIMIT");
  }
  return response.body;
}

}  // namespace newsgraph::push
