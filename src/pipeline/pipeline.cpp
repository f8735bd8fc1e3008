#include "pipeline/pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <utility>

#include "extract/extractor.hpp"
#include "lexicon/lexicon.hpp"
#include "pipeline/extract_pool.hpp"
#include "pipeline/graph_sinks.hpp"
#include "rdf/iri.hpp"
#include "resolve/merge.hpp"
#include "util/paths.hpp"

namespace newsgraph {

namespace {

using Clock = std::chrono::steady_clock;

// The input bytes an article came from (its raw size), for progress.
std::uint64_t input_size(const Article& a) {
  return a.original_offset.empty() ? a.text.size() : a.original_offset.back();
}

// Reads and extracts every article, handing the facts to `consume` in input
// order; the Lexicon is loaded once and shared read-only by all jobs.
// Each article's raw-offset map (8 bytes per byte of text) is dropped once
// extracted: no stage after extract reads it, and held for a whole corpus it
// would be most of the memory.
template <typename Consume>
void extract_all(const std::vector<std::string>& inputs, const BuildOptions& options, const Extractor& extractor,
                 ReadReport& report, Consume&& consume) {
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  ExtractPool pool(jobs, [&](Article&& a) { return extractor.extract(std::move(a)); }, [&](ArticleFacts&& facts) {
    const std::uint64_t bytes = input_size(facts.article);
    std::vector<std::size_t>().swap(facts.article.original_offset);
    consume(std::move(facts));
    if (options.on_article) options.on_article(bytes);
  });
  read_articles(inputs, options.read, [&](Article&& a) { pool.submit(std::move(a)); }, report);
  pool.finish();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The streaming writer: each article into its own graph at once; every
// `window` articles, what merging them adds into the merges graph.
class StreamWriter {
 public:
  StreamWriter(const BuildOptions& options, const Lexicon& lexicon, rdf::TripleSink& sink)
      : options_(options), lexicon_(lexicon), sink_(sink), merges_iri_(merges_graph_iri(options.emit)) {}

  void article(ArticleFacts&& facts) {
    const bool merging = options_.merge_window > 1;
    if (merging) window_.push_back(facts);
    const std::string graph = article_graph_iri(options_.emit, facts.article.id);
    std::vector<ArticleFacts> one;
    one.push_back(std::move(facts));
    NamedGraphSink into_graph(sink_, graph, merging ? &seen_ : nullptr);
    triples_ += emit_graph(merge_articles(std::move(one), lexicon_), options_.emit, into_graph);
    if (merging && window_.size() >= options_.merge_window) flush();
  }

  // Writes the merges of the articles since the last flush.
  void flush() {
    if (window_.size() > 1) {
      NewTriplesSink into_merges(sink_, merges_iri_, seen_);
      emit_graph(merge_articles(std::move(window_), lexicon_), options_.emit, into_merges);
      triples_ += into_merges.written();
    }
    window_.clear();
    seen_.clear();
  }

  std::size_t triples() const noexcept { return triples_; }

 private:
  const BuildOptions& options_;
  const Lexicon& lexicon_;
  rdf::TripleSink& sink_;
  const std::string merges_iri_;
  std::vector<ArticleFacts> window_;  // facts of the articles since the last flush
  TripleSet seen_;                    // what their own graphs already say
  std::size_t triples_ = 0;
};

}  // namespace

BuildSummary build_graph(const std::vector<std::string>& inputs, const BuildOptions& options, rdf::TripleSink& sink) {
  const auto start = Clock::now();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  std::vector<ArticleFacts> facts;
  extract_all(inputs, options, extractor, summary.report, [&](ArticleFacts&& f) { facts.push_back(std::move(f)); });
  if (options.on_merging) options.on_merging();
  const KnowledgeGraph graph = merge_articles(std::move(facts), lexicon);
  summary.triples = emit_graph(graph, options.emit, sink);
  sink.finish();
  summary.seconds = seconds_since(start);
  return summary;
}

BuildSummary build_stream(const std::vector<std::string>& inputs, const BuildOptions& options,
                          rdf::TripleSink& sink) {
  const auto start = Clock::now();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  StreamWriter writer(options, lexicon, sink);
  extract_all(inputs, options, extractor, summary.report, [&](ArticleFacts&& f) { writer.article(std::move(f)); });
  writer.flush();
  sink.finish();
  summary.triples = writer.triples();
  summary.seconds = seconds_since(start);
  return summary;
}

std::string article_graph_iri(const EmitOptions& emit, const std::string& article_id) {
  return rdf::IriMinter(emit.base).mint("article", article_id);
}

std::string merges_graph_iri(const EmitOptions& emit) { return rdf::IriMinter(emit.base).mint("graph", "merges"); }

std::string summary_line(const BuildSummary& s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%zu articles read, %zu skipped, %zu triples written in %.2f s", s.report.read,
                s.report.skipped, s.triples, s.seconds);
  return buf;
}

}  // namespace newsgraph
