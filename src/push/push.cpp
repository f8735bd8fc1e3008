#include "push/push.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include "rdf/iri.hpp"
#include "rdf/reader.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph::push {

namespace {

using Clock = std::chrono::steady_clock;

// Triples serialised as N-Triples (which is Turtle) into memory.
class NTriplesBuffer {
 public:
  NTriplesBuffer() { open(); }
  ~NTriplesBuffer() { close(); }
  NTriplesBuffer(const NTriplesBuffer&) = delete;
  NTriplesBuffer& operator=(const NTriplesBuffer&) = delete;

  void add(const rdf::Triple& t) {
    sink_->add(t);
    ++count_;
  }
  std::size_t count() const noexcept { return count_; }

  // The text so far; the buffer starts afresh.
  std::string take() {
    sink_->finish();
    std::fflush(file_);
    std::string text(data_, size_);
    close();
    open();
    return text;
  }

 private:
  void open() {
    file_ = ::open_memstream(&data_, &size_);
    if (file_ == nullptr) throw std::bad_alloc();
    sink_.emplace(file_, rdf::RdfSyntax::NTriples);
    count_ = 0;
  }
  void close() noexcept {
    sink_.reset();
    if (file_ != nullptr) std::fclose(file_);
    std::free(data_);
    file_ = nullptr;
    data_ = nullptr;
    size_ = 0;
  }

  std::FILE* file_ = nullptr;
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::optional<rdf::SerdWriterSink> sink_;
  std::size_t count_ = 0;
};

// A TripleSink that stores each run of quads of one graph as that graph: PUT
// (replace), or POST (add) for the graphs in `added`. Quads of the default
// graph go to `default_graph`. The pipeline writes graph after graph, so a
// change of graph ends one.
class GraphPusher final : public rdf::TripleSink {
 public:
  GraphPusher(GraphStore& store, std::string default_graph, std::string added_graph = {})
      : store_(store), default_graph_(std::move(default_graph)), added_graph_(std::move(added_graph)) {}

  void add(const rdf::Triple& t) override {
    const std::string& graph = t.graph.value.empty() ? default_graph_ : t.graph.value;
    if (graph != current_) {
      flush();
      current_ = graph;
    }
    buffer_.add(t);
  }
  void finish() override { flush(); }

  std::size_t graphs() const noexcept { return graphs_; }
  std::size_t triples() const noexcept { return triples_; }

 private:
  void flush() {
    if (buffer_.count() == 0) return;
    triples_ += buffer_.count();
    const std::string body = buffer_.take();
    if (!added_graph_.empty() && current_ == added_graph_) {
      store_.post(current_, body);
    } else {
      store_.put(current_, body);
    }
    ++graphs_;
  }

  GraphStore& store_;
  std::string default_graph_;
  std::string added_graph_;
  std::string current_;
  NTriplesBuffer buffer_;
  std::size_t graphs_ = 0;
  std::size_t triples_ = 0;
};

// A graph file: its quads grouped by graph (a file may interleave them), then
// each graph stored.
void push_file(const std::string& path, const PushOptions& options, GraphStore& store, PushSummary& summary) {
  struct Grouping final : rdf::TripleSink {
    std::map<std::string, std::vector<rdf::Triple>> by_graph;
    void add(const rdf::Triple& t) override { by_graph[t.graph.value].push_back(t); }
  } grouping;
  rdf::read_rdf_file(path, path == "-" ? std::optional(rdf::RdfSyntax::Turtle) : std::nullopt, grouping);
  const std::string default_graph =
      options.graph.empty() ? file_graph_iri(options.build.emit.base, path) : options.graph;
  GraphPusher pusher(store, default_graph);
  for (const auto& [graph, triples] : grouping.by_graph) {
    for (const auto& t : triples) pusher.add(t);
  }
  pusher.finish();
  summary.graphs += pusher.graphs();
  summary.triples += pusher.triples();
}

void push_articles(const std::vector<std::string>& articles, const PushOptions& options, GraphStore& store,
                   PushSummary& summary) {
  BuildSummary built;
  if (!options.graph.empty()) {
    GraphPusher pusher(store, options.graph);
    built = build_graph(articles, options.build, pusher);
    summary.graphs += pusher.graphs();
    summary.triples += pusher.triples();
  } else {
    GraphPusher pusher(store, merges_graph_iri(options.build.emit), merges_graph_iri(options.build.emit));
    built = build_stream(articles, options.build, pusher);
    summary.graphs += pusher.graphs();
    summary.triples += pusher.triples();
  }
  summary.report = std::move(built.report);
}

}  // namespace

bool is_graph_file(const std::string& path) {
  if (path == "-") return true;
  const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  return ext == ".ttl" || ext == ".turtle" || ext == ".nt" || ext == ".nq" || ext == ".trig";
}

std::string file_graph_iri(const std::string& base, const std::string& path) {
  const std::string stem = path == "-" ? std::string("stdin") : std::filesystem::path(path).stem().string();
  return rdf::IriMinter(base).mint("graph", stem);
}

PushSummary push_inputs(const std::vector<std::string>& inputs, const PushOptions& options) {
  const auto start = Clock::now();
  PushSummary summary;
  GraphStore store(options.endpoint, options.credentials, options.timeout_seconds);
  std::vector<std::string> articles;
  for (const auto& input : inputs) {
    if (is_graph_file(input)) {
      push_file(input, options, store, summary);
    } else {
      articles.push_back(input);
    }
  }
  if (!articles.empty()) push_articles(articles, options, store, summary);
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

std::string push_summary_line(const PushSummary& s, const std::string& endpoint) {
  std::string line;
  if (s.report.read > 0 || s.report.skipped > 0) {
    line +=
        std::to_string(s.report.read) + " articles read, " + std::to_string(s.report.skipped) + " skipped, ";
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, " in %.2f s", s.seconds);
  return line + "pushed " + std::to_string(s.graphs) + (s.graphs == 1 ? " graph (" : " graphs (") +
         std::to_string(s.triples) + " triples) to " + endpoint + buf;
}

}  // namespace newsgraph::push
