// newsgraph push: the HTTP client against a small in-process server on
// 127.0.0.1 (requests as the Graph Store and SPARQL protocols want them), and
// against a real Virtuoso Open Source 7 started for the test on free loopback
// ports with its own database directory (skipped, with a warning, where
// virtuoso-t is not installed or does not start).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.hpp"
#include "push/graph_store.hpp"
#include "push/http_client.hpp"
#include "push/push.hpp"
#include "push/sparql_client.hpp"
#include "rdf/reader.hpp"
#include "rdf/recording_sink.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "rdf/sord_store.hpp"
#include "support/run.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using namespace test_support;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const std::string kSource = NEWSGRAPH_TEST_SOURCE_DIR;
const std::string kBinary = NEWSGRAPH_TEST_BINARY;

// ---------------------------------------------------------------------------
// A one-request-per-connection HTTP server on 127.0.0.1, for checking what
// the client sends. Stops when destroyed.

struct SeenRequest {
  std::string method;
  std::string target;  // path and query
  std::string content_type;
  std::string accept;
  std::string body;
};

struct Reply {
  int status = 200;
  std::string body;
  std::string extra_headers;  // "Name: value\r\n"...
};

class FakeServer {
 public:
  using Handler = std::function<Reply(const SeenRequest&)>;

  explicit FakeServer(Handler handler) : handler_(std::move(handler)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ::close(listener_);
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<SeenRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      handle(client);
      ::close(client);
    }
  }

  static std::string header_value(const std::string& head, const std::string& name) {
    std::string lower = head;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower.find("\r\n" + name + ":");
    if (at == std::string::npos) return {};
    const auto start = head.find_first_not_of(' ', at + name.size() + 3);
    return head.substr(start, head.find("\r\n", start) - start);
  }

  void handle(int client) {
    std::string data;
    char buf[65536];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::size_t head_end = std::string::npos;
    std::size_t wanted = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) return;
      data.append(buf, static_cast<std::size_t>(n));
      if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
        const std::string length = header_value(data.substr(0, head_end + 2), "content-length");
        wanted = head_end + 4 + (length.empty() ? 0 : std::stoul(length));
      }
      if (head_end != std::string::npos && data.size() >= wanted) break;
    }
    if (head_end == std::string::npos) return;
    const std::string head = data.substr(0, head_end + 2);
    SeenRequest r;
    const auto sp1 = head.find(' ');
    const auto sp2 = head.find(' ', sp1 + 1);
    r.method = head.substr(0, sp1);
    r.target = head.substr(sp1 + 1, sp2 - sp1 - 1);
    r.content_type = header_value(head, "content-type");
    r.accept = header_value(head, "accept");
    r.body = data.substr(head_end + 4);
    const Reply reply = handler_(r);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_.push_back(r);
    }
    const std::string response = "HTTP/1.1 " + std::to_string(reply.status) +
                                 " X\r\nContent-Length: " + std::to_string(reply.body.size()) +
                                 "\r\nConnection: close\r\n" + reply.extra_headers + "\r\n" + reply.body;
    ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
  }

  Handler handler_;
  int listener_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<SeenRequest> seen_;
  std::thread thread_;
};

std::string url_decoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::set<rdf::Triple> triples_of(const std::string& text, rdf::RdfSyntax syntax) {
  rdf::RecordingSink sink;
  rdf::read_rdf_string(text, syntax, sink, "test");
  std::set<rdf::Triple> out;
  for (auto t : sink.triples()) {
    t.graph = rdf::Term::iri("");
    out.insert(std::move(t));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Virtuoso Open Source 7 as a throwaway store: its own directory and two free
// loopback ports; killed and waited for when destroyed.

unsigned short free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(s);
  return ntohs(addr.sin_port);
}

std::string find_virtuoso() {
  for (const char* candidate : {"/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t"}) {
    if (::access(candidate, X_OK) == 0) return candidate;
  }
  return {};
}

class Virtuoso {
 public:
  // Starts the server; `error` says why when it could not.
  Virtuoso(const std::string& binary, std::string& error) {
    http_port_ = free_port();
    const unsigned short isql_port = free_port();
    const std::string d = dir_.path();
    std::ofstream(d + "/virtuoso.ini")
        << "[Database]\nDatabaseFile = " << d << "/virtuoso.db\nErrorLogFile = " << d
        << "/virtuoso.log\nLockFile = " << d << "/virtuoso.lck\nTransactionFile = " << d
        << "/virtuoso.trx\nxa_persistent_file = " << d
        << "/virtuoso.pxa\n[TempDatabase]\nDatabaseFile = " << d
        << "/virtuoso-temp.db\nTransactionFile = " << d
        << "/virtuoso-temp.trx\n[Parameters]\nServerPort = 127.0.0.1:" << isql_port
        << "\n[HTTPServer]\nServerPort = 127.0.0.1:" << http_port_
        << "\n[SPARQL]\nResultSetMaxRows = 1000000\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string ini = d + "/virtuoso.ini";
      const std::string log = d + "/stdout.log";
      std::freopen(log.c_str(), "w", stdout);
      std::freopen(log.c_str(), "a", stderr);
      ::execl(binary.c_str(), binary.c_str(), "+configfile", ini.c_str(), "+foreground",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    if (pid_ < 0) {
      error = "fork failed";
      return;
    }
    // Up in 2-4 s on our machines; 60 s for a loaded one.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        error = "virtuoso-t exited at start; its log: " + log_tail();
        return;
      }
      try {
        push::HttpClient http({}, 2);
        if (http.send({"GET", sparql_url() + "?query=ASK%7B%7D", {}, {}}).ok()) return;
      } catch (const InputError&) {
        // not listening yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    error = "virtuoso-t did not answer within 60 s; its log: " + log_tail();
  }
  ~Virtuoso() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 200; ++i) {  // up to 20 s for a clean shutdown
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  Virtuoso(const Virtuoso&) = delete;
  Virtuoso& operator=(const Virtuoso&) = delete;

  std::string sparql_url() const { return "http://127.0.0.1:" + std::to_string(http_port_) + "/sparql"; }
  std::string crud_url() const {
    return "http://127.0.0.1:" + std::to_string(http_port_) + "/sparql-graph-crud-auth";
  }

  // The single number a SELECT (COUNT(...) AS ?n) query returns.
  long count(const std::string& query) const {
    const Json result = Json::parse(push::sparql_select(sparql_url(), query, push::kSparqlJson));
    // Virtuoso types every number as "typed-literal"; the value is what counts.
    return std::stol(result.at("results").at("bindings").at(0).at("n").at("value").get<std::string>());
  }

 private:
  std::string log_tail() const {
    std::ifstream in(dir_.path() + "/virtuoso.log");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return text.size() > 600 ? text.substr(text.size() - 600) : text;
  }

  TempDir dir_;
  pid_t pid_ = -1;
  unsigned short http_port_ = 0;
};

std::string build_to_string(const std::vector<std::string>& inputs, rdf::RdfSyntax syntax, bool stream) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = ::open_memstream(&buffer, &size);
  {
    rdf::SerdWriterSink sink(out, syntax);
    if (stream)
      build_stream(inputs, BuildOptions{}, sink);
    else
      build_graph(inputs, BuildOptions{}, sink);
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

}  // namespace

TEST_CASE("push: a graph is PUT to ENDPOINT?graph=IRI as Turtle", "[push]") {
  FakeServer server([](const SeenRequest& r) { return Reply{r.method == "PUT" ? 201 : 200, "", ""}; });
  push::GraphStore store(server.url("/store"));
  CHECK(store.put("http://example.org/g?x=1&y", "<http://a> <http://b> <http://c> .\n") == 201);
  CHECK(store.post("", "<http://a> <http://b> \"x\" .\n") == 200);
  CHECK(store.remove("http://example.org/g") == 200);
  const auto seen = server.requests();
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].method == "PUT");
  CHECK(seen[0].target == "/store?graph=http%3A%2F%2Fexample.org%2Fg%3Fx%3D1%26y");
  CHECK(seen[0].content_type.rfind("text/turtle", 0) == 0);
  CHECK(seen[0].body == "<http://a> <http://b> <http://c> .\n");
  CHECK(seen[1].method == "POST");
  CHECK(seen[1].target == "/store?default");
  CHECK(seen[2].method == "DELETE");
  CHECK(seen[2].body.empty());
}

TEST_CASE("push: refused requests and unreachable stores are errors that say why", "[push]") {
  FakeServer server([](const SeenRequest& r) {
    if (r.method == "DELETE") return Reply{404, "no such graph", ""};
    return Reply{403, "Forbidden: no write permission\nmore", ""};
  });
  push::GraphStore store(server.url("/store"));
  CHECK_THROWS_WITH(store.put("http://example.org/g", "x"),
                    Catch::Contains("HTTP 403: Forbidden: no write permission") &&
                        Catch::Contains("graph=http%3A%2F%2Fexample.org%2Fg"));
  CHECK(store.remove("http://example.org/g") == 404);  // already gone: fine

  const int port = free_port();  // nothing listens there
  push::GraphStore nowhere("http://127.0.0.1:" + std::to_string(port) + "/store", {}, 5);
  CHECK_THROWS_AS(nowhere.put("http://example.org/g", "x"), InputError);
}

TEST_CASE("push: sparql_select sends GET ?query= with Accept, POST when long", "[push]") {
  FakeServer server([](const SeenRequest& r) {
    if (r.target.find("truncate") != std::string::npos || r.body.find("truncate") != std::string::npos) {
      return Reply{200, "{}", "X-SPARQL-MaxRows: 10\r\n"};
    }
    return Reply{200, "{\"head\":{}}", "Content-Type: application/sparql-results+json\r\n"};
  });
  const std::string query = "SELECT ?s WHERE { ?s ?p \"a b&c\" }";
  CHECK(push::sparql_select(server.url("/sparql"), query, push::kSparqlJson) == "{\"head\":{}}");
  const std::string long_query = query + " #" + std::string(5000, 'x');
  push::sparql_select(server.url("/sparql"), long_query, "text/csv");
  CHECK_THROWS_WITH(
      push::sparql_select(server.url("/sparql"), "SELECT * { ?s ?p ?o } # truncate", "text/csv"),
      Catch::Contains("X-SPARQL-MaxRows"));
  const auto seen = server.requests();
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].method == "GET");
  CHECK(url_decoded(seen[0].target) == "/sparql?query=" + query);
  CHECK(seen[0].accept == push::kSparqlJson);
  CHECK(seen[1].method == "POST");
  CHECK(seen[1].content_type == "application/x-www-form-urlencoded");
  CHECK(url_decoded(seen[1].body) == "query=" + long_query);
  CHECK(seen[1].accept == "text/csv");
}

TEST_CASE("push: articles go one graph per article, PUT, and the merges POSTed", "[push]") {
  FakeServer server([](const SeenRequest&) { return Reply{201, "", ""}; });
  push::PushOptions options;
  options.endpoint = server.url("/store");
  const push::PushSummary summary = push::push_inputs({kSource + "/samples"}, options);
  CHECK(summary.report.read == 5);
  CHECK(summary.graphs == 6);
  const auto seen = server.requests();
  REQUIRE(seen.size() == 6);
  std::set<rdf::Triple> pushed;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const bool merges = i + 1 == seen.size();
    CHECK(seen[i].method == (merges ? "POST" : "PUT"));
    const std::string graph = url_decoded(seen[i].target.substr(seen[i].target.find("graph=") + 6));
    CHECK(graph.find(merges ? "/graph/merges" : "/article/") != std::string::npos);
    const auto triples = triples_of(seen[i].body, rdf::RdfSyntax::Turtle);
    pushed.insert(triples.begin(), triples.end());
  }
  // Exactly what `newsgraph build --stream` writes, graph for graph.
  CHECK(pushed == triples_of(build_to_string({kSource + "/samples"}, rdf::RdfSyntax::NQuads, true),
                             rdf::RdfSyntax::NQuads));

  // --graph: one merged graph.
  FakeServer one([](const SeenRequest&) { return Reply{201, "", ""}; });
  options.endpoint = one.url("/store");
  options.graph = "http://example.org/samples";
  push::push_inputs({kSource + "/samples"}, options);
  REQUIRE(one.requests().size() == 1);
  CHECK(triples_of(one.requests()[0].body, rdf::RdfSyntax::Turtle) ==
        triples_of(build_to_string({kSource + "/samples"}, rdf::RdfSyntax::NTriples, false),
                   rdf::RdfSyntax::NTriples));
}

TEST_CASE("push: into Virtuoso Open Source 7, queried back remotely", "[push][virtuoso]") {
  const std::string binary = find_virtuoso();
  if (binary.empty()) {
    WARN("SKIPPED: virtuoso-t not found; scripts/install-deps installs virtuoso-opensource-7-bin");
    return;
  }
  std::string error;
  Virtuoso virtuoso(binary, error);
  if (!error.empty()) {
    WARN("SKIPPED: Virtuoso did not start: " << error);
    return;
  }
  TempDir dir;
  const std::string samples_ttl = dir.file("samples.ttl");
  { std::ofstream(samples_ttl) << build_to_string({kSource + "/samples"}, rdf::RdfSyntax::Turtle, false); }
  rdf::SordStore local;
  {
    rdf::SordInserterSink sink(local);
    rdf::read_rdf_file(samples_ttl, std::nullopt, sink);
  }
  const std::string graph = "http://example.org/test/samples";
  const std::string ng = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> ";

  // The graph file, with the command, as a user would: digest auth as dba.
  const std::string push = "'" + kBinary + "' push -q --endpoint '" + virtuoso.crud_url() + "' --user dba ";
  REQUIRE(shell("NEWSGRAPH_PASSWORD=dba " + push + "--graph " + graph + " '" + samples_ttl + "'").code == 0);
  const long stored = virtuoso.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graph + "> { ?s ?p ?o } }");
  CHECK(stored == static_cast<long>(local.size()));
  auto local_count = [&](const std::string& cls) {
    std::size_t n = 0;
    local.for_each_match(std::nullopt, rdf::Term::iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         rdf::Term::iri("https://w3id.org/newsgraph/ontology#" + cls),
                         [&](const rdf::Triple&) {
                           ++n;
                           return true;
                         });
    return static_cast<long>(n);
  };
  for (const char* cls : {"Incident", "Person", "State", "Statement", "Article"}) {
    INFO(cls);
    CHECK(virtuoso.count(ng + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH <" + graph +
                         "> { ?x a ng:" + cls + " } }") == local_count(cls));
  }
  // Pushed again: replaced, not doubled.
  REQUIRE(shell(push + "--password dba --graph " + graph + " '" + samples_ttl + "'").code == 0);
  CHECK(virtuoso.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graph + "> { ?s ?p ?o } }") == stored);
  // Without credentials the store refuses, and push says so.
  const Result refused =
      run_program({kBinary, "push", "-q", "--endpoint", virtuoso.crud_url(), "--graph", graph, samples_ttl});
  CHECK(refused.code != 0);

  // Articles: one graph per article (and the merges graph), holding what
  // `newsgraph build --stream` writes.
  push::PushOptions options;
  options.endpoint = virtuoso.crud_url();
  options.credentials = {"dba", "dba"};
  const push::PushSummary summary = push::push_inputs({kSource + "/samples"}, options);
  CHECK(summary.graphs == 6);
  const long article_graphs = virtuoso.count(
      "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a "
      "<https://w3id.org/newsgraph/ontology#Article> } "
      "FILTER(?g != <" +
      graph + ">) }");
  CHECK(article_graphs == 5);
  const auto streamed = triples_of(build_to_string({kSource + "/samples"}, rdf::RdfSyntax::NQuads, true),
                                   rdf::RdfSyntax::NQuads);
  CHECK(
      virtuoso.count("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                     "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/newsgraph/resource/\")) } }") ==
      static_cast<long>(streamed.size()));
  // Pushed again: every article graph replaced, nothing doubled.
  const std::string in_article_graphs =
      "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
      "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/newsgraph/resource/article/\")) }";
  const long before = virtuoso.count(in_article_graphs);
  CHECK(before > 0);
  push::push_inputs({kSource + "/samples"}, options);
  CHECK(virtuoso.count(in_article_graphs) == before);
}
