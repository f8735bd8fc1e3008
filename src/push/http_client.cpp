#include "push/http_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

#include "util/error.hpp"

namespace newsgraph::push {

namespace {

// curl_global_init is not thread-safe on older libcurls: once, before any handle.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlEasyFree {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct CurlSlistFree {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using CurlEasyPtr = std::unique_ptr<CURL, CurlEasyFree>;
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistFree>;

// libcurl's callbacks: noexcept (nothing may unwind through C), appending to the response.
std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  try {
    static_cast<HttpResponse*>(user)->body.append(data, size * count);
    return size * count;
  } catch (...) {
    return 0;  // makes curl fail the transfer (CURLE_WRITE_ERROR)
  }
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

std::size_t write_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  try {
    const std::string line(data, size * count);
    auto* response = static_cast<HttpResponse*>(user);
    // A new status line (after a 401 challenge or a 100 Continue) starts the headers afresh.
    if (line.rfind("HTTP/", 0) == 0) response->headers.clear();
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      response->headers.emplace_back(name, trimmed(line.substr(colon + 1)));
    }
    return size * count;
  } catch (...) {
    return 0;
  }
}

void check(CURLcode code, const char* what) {
  if (code != CURLE_OK)
    throw InputError(std::string("HTTP client: cannot set ") + what + ": " + curl_easy_strerror(code));
}

}  // namespace

struct HttpClient::Handle {
  CurlEasyPtr curl;
  char error[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient(Credentials credentials, long timeout_seconds)
    : handle_(std::make_unique<Handle>()),
      credentials_(std::move(credentials)),
      timeout_seconds_(timeout_seconds) {
  init_curl_once();
  handle_->curl.reset(curl_easy_init());
  if (!handle_->curl) throw InputError("HTTP client: cannot initialise libcurl");
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::send(const HttpRequest& request) {
  CURL* c = handle_->curl.get();
  curl_easy_reset(c);  // keeps the open connection and caches, forgets the last request's options
  HttpResponse response;
  CurlSlistPtr headers;
  for (const auto& [name, value] : request.headers) {
    curl_slist* more = curl_slist_append(headers.get(), (name + ": " + value).c_str());
    if (more == nullptr) throw std::bad_alloc();
    (void)headers.release();
    headers.reset(more);
  }
  // No "Expect: 100-continue" round trip before a body.
  curl_slist* more = curl_slist_append(headers.get(), "Expect:");
  if (more == nullptr) throw std::bad_alloc();
  (void)headers.release();
  headers.reset(more);

  check(curl_easy_setopt(c, CURLOPT_URL, request.url.c_str()), "the URL");
  check(curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get()), "headers");
  check(curl_easy_setopt(c, CURLOPT_ERRORBUFFER, handle_->error), "the error buffer");
  check(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), "no signals");
  check(curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body), "the body callback");
  check(curl_easy_setopt(c, CURLOPT_WRITEDATA, &response), "the body callback");
  check(curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, write_header), "the header callback");
  check(curl_easy_setopt(c, CURLOPT_HEADERDATA, &response), "the header callback");
  if (timeout_seconds_ > 0) check(curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_seconds_), "the timeout");
  check(curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L), "the connect timeout");
  if (!credentials_.user.empty()) {
    check(curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_DIGEST | CURLAUTH_BASIC), "authentication");
    check(curl_easy_setopt(c, CURLOPT_USERNAME, credentials_.user.c_str()), "the user");
    check(curl_easy_setopt(c, CURLOPT_PASSWORD, credentials_.password.c_str()), "the password");
  }
  if (request.method == "PUT" || request.method == "POST") {
    check(curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data()), "the body");
    check(curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())),
          "the body");
    if (request.method == "PUT") check(curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT"), "the method");
  } else if (request.method == "DELETE") {
    check(curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "DELETE"), "the method");
  } else if (request.method != "GET") {
    throw InputError("HTTP client: unsupported method " + request.method);
  }

  handle_->error[0] = '\0';
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    const std::string detail = handle_->error[0] != '\0' ? handle_->error : curl_easy_strerror(code);
    throw InputError(request.method + " " + request.url + ": " + detail);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  response.content_type = response.header("content-type");
  return response;
}

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

std::string url_encoded(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string describe_failure(const HttpResponse& response) {
  std::string text = "HTTP " + std::to_string(response.status);
  std::string first = response.body.substr(0, response.body.find('\n'));
  first = trimmed(first);
  if (first.size() > 300) first = first.substr(0, 300) + "...";
  if (!first.empty()) text += ": " + first;
  return text;
}

}  // namespace newsgraph::push
