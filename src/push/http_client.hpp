#pragma once
// A small HTTP/1.1 client over libcurl (the GnuTLS build), for talking to
// triple stores: the SPARQL 1.1 Graph Store HTTP Protocol (push) and the
// SPARQL protocol (remote queries). One connection is kept open and reused
// between requests to the same server.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace newsgraph::push {

struct Credentials {
  std::string user;  // empty: no authentication
  std::string password;
};

struct HttpRequest {
  std::string method = "GET";  // GET, PUT, POST, DELETE
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent for PUT and POST
};

struct HttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased

  bool ok() const noexcept { return status >= 200 && status < 300; }
  // The value of header `name` (lowercase), or "".
  std::string header(const std::string& name) const;
};

class HttpClient {
 public:
  // `timeout_seconds` bounds each request, connecting included (0: none).
  // Authentication, when `credentials.user` is set, is whatever the server
  // asks for among Digest and Basic (libcurl negotiates; Digest preferred).
  explicit HttpClient(Credentials credentials = {}, long timeout_seconds = 300);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` and returns the response, whatever its status. Throws
  // InputError when no response comes (cannot connect, timeout, TLS...).
  HttpResponse send(const HttpRequest& request);

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  Credentials credentials_;
  long timeout_seconds_;
};

// `s` percent-encoded for a URL query component (RFC 3986 unreserved kept).
std::string url_encoded(const std::string& s);

// "HTTP 403 (Forbidden): <the first line of the body>", for messages.
std::string describe_failure(const HttpResponse& response);

}  // namespace newsgraph::push
