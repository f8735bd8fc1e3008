#include "pipeline/pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "emit/vocab.hpp"
#include "extract/extractor.hpp"
#include "lexicon/lexicon.hpp"
#include "pipeline/extract_pool.hpp"
#include "pipeline/graph_sinks.hpp"
#include "rdf/iri.hpp"
#include "rdf/recording_sink.hpp"
#include "resolve/merge.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace newsgraph {

namespace {

using Clock = std::chrono::steady_clock;

// The input bytes an article came from (its raw size), for progress.
std::uint64_t input_size(const Article& a) {
  return a.original_offset.empty() ? a.text.size() : a.original_offset.back();
}

// Runs `work` on every article on the pool's threads, handing the results to
// `consume` in input order. The Lexicon behind `work` is loaded once and
// shared read-only by all jobs.
template <typename Result, typename Work, typename Consume>
void for_each_article(const std::vector<std::string>& inputs, const BuildOptions& options, Work&& work,
                      ReadReport& report, Consume&& consume) {
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  OrderedPool<Result> pool(jobs, std::forward<Work>(work), std::forward<Consume>(consume));
  read_articles(
      inputs, options.read, [&](Article&& a) { pool.submit(std::move(a)); }, report);
  pool.finish();
}

// Extracts one article. Its raw-offset map is dropped: no stage after
// extract reads it. `bytes` gets the article's size in the input, for
// progress.
ArticleFacts extract_one(const Extractor& extractor, Article&& article, std::uint64_t& bytes) {
  bytes = input_size(article);
  ArticleFacts facts = extractor.extract(std::move(article));
  facts.article.original_offset = OffsetMap{};
  return facts;
}

// Runs `work` on an article; running out of memory on it is an InputError
// naming the article, not an anonymous failure of the whole run.
template <typename Work>
auto naming_article(const Article& article, Work&& work) {
  const std::string origin = article.origin;
  const std::size_t size = article.text.size();
  try {
    return work();
  } catch (const std::bad_alloc&) {
    throw InputError(Location{origin},
                     "out of memory on this article (" + std::to_string(size) + " bytes of text)");
  }
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct ExtractedArticle {
  ArticleFacts facts;
  std::uint64_t bytes = 0;
};

// One article of the streamed build, made on a worker: its own graph as
// quads, ready to write, and (when merging) its facts and the fingerprints of
// its triples.
struct StreamedArticle {
  std::vector<rdf::Prefix> prefixes;
  std::vector<rdf::Triple> quads;
  std::vector<TripleSet::Fingerprint> fingerprints;
  std::vector<ArticleFacts> facts;  // one, or none when not merging
  std::uint64_t bytes = 0;
  std::optional<ArticleFacts> large;  // only extracted: a large article, written by the calling thread
};

StreamedArticle stream_one(const Extractor& extractor, const Lexicon& lexicon, const BuildOptions& options,
                           Article&& article) {
  StreamedArticle out;
  const bool merging = options.merge_window > 1;
  ArticleFacts facts = extract_one(extractor, std::move(article), out.bytes);
  if (facts.article.text.size() > options.large_article_bytes) {
    out.large = std::move(facts);
    return out;
  }
  GraphRecorder graph(article_graph_iri(options.emit, facts.article.id), merging);
  std::vector<ArticleFacts> one;
  if (merging) out.facts.push_back(facts);
  one.push_back(std::move(facts));
  emit_graph(merge_articles(std::move(one), lexicon), options.emit, graph);
  out.prefixes = std::move(graph.prefixes);
  out.quads = std::move(graph.quads);
  out.fingerprints = std::move(graph.fingerprints);
  return out;
}

// The streaming writer: each article's graph as it comes (in input order);
// every `window` articles, what merging them adds into the merges graph.
class StreamWriter {
 public:
  StreamWriter(const BuildOptions& options, const Lexicon& lexicon, rdf::TripleSink& sink)
      : options_(options), lexicon_(lexicon), sink_(sink), merges_iri_(merges_graph_iri(options.emit)) {}

  void article(StreamedArticle&& a) {
    if (a.large) return large_article(std::move(*a.large));
    for (const auto& p : a.prefixes) sink_.prefix(p.name, p.iri);
    for (const auto& q : a.quads) sink_.add(q);
    triples_ += a.quads.size();
    for (const auto& f : a.fingerprints) seen_.insert(f);
    for (auto& f : a.facts) window_.push_back(std::move(f));
    if (options_.merge_window > 1 && window_.size() >= options_.merge_window) flush();
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

  // A large article: a merges window of its own (the fingerprints of its
  // triples and its facts would be kept for the window otherwise), its graph
  // written as emit makes it. The same quads as a recorded article graph.
  void large_article(ArticleFacts&& facts) {
    flush();
    naming_article(facts.article, [&] {
      const TripleSet nothing;
      NewTriplesSink graph(sink_, article_graph_iri(options_.emit, facts.article.id), nothing);
      std::vector<ArticleFacts> one;
      one.push_back(std::move(facts));
      emit_graph(merge_articles(std::move(one), lexicon_), options_.emit, graph);
      triples_ += graph.written();
    });
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

BuildSummary build_graph(const std::vector<std::string>& inputs, const BuildOptions& options,
                         rdf::TripleSink& sink) {
  const auto start = Clock::now();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  std::vector<ArticleFacts> facts;
  for_each_article<ExtractedArticle>(
      inputs, options,
      [&](Article&& a) {
        return naming_article(a, [&] {
          ExtractedArticle out;
          out.facts = extract_one(extractor, std::move(a), out.bytes);
          return out;
        });
      },
      summary.report,
      [&](ExtractedArticle&& a) {
        facts.push_back(std::move(a.facts));
        if (options.on_article) options.on_article(a.bytes);
      });
  if (options.on_merging) options.on_merging();
  const KnowledgeGraph graph = merge_articles(std::move(facts), lexicon);
  summary.triples = emit_graph(graph, options.emit, sink);
  sink.finish();
  summary.seconds = seconds_since(start);
  return summary;
}

// Extraction, merging each article on its own and emitting its graph all run
// on the workers; the calling thread writes, and merges the windows.
BuildSummary build_stream(const std::vector<std::string>& inputs, const BuildOptions& options,
                          rdf::TripleSink& sink) {
  const auto start = Clock::now();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  StreamWriter writer(options, lexicon, sink);
  for_each_article<StreamedArticle>(
      inputs, options,
      [&](Article&& a) {
        return naming_article(a, [&] { return stream_one(extractor, lexicon, options, std::move(a)); });
      },
      summary.report,
      [&](StreamedArticle&& a) {
        const std::uint64_t bytes = a.bytes;
        writer.article(std::move(a));
        if (options.on_article) options.on_article(bytes);
      });
  writer.flush();
  sink.finish();
  summary.triples = writer.triples();
  summary.seconds = seconds_since(start);
  return summary;
}

std::string article_graph_iri(const EmitOptions& emit, const std::string& article_id) {
  KnowledgeGraph only;
  only.articles.emplace_back();
  only.articles.back().meta.id = article_id;
  rdf::RecordingSink recorder;
  emit_graph(only, emit, recorder);
  const std::string article_class = std::string(vocab::kOntology) + "Article";
  for (const auto& t : recorder.triples()) {
    if (t.object.kind == rdf::TermKind::Iri && t.object.value == article_class) return t.subject.value;
  }
  throw std::logic_error("emit wrote no ng:Article node for article " + article_id);
}

std::string merges_graph_iri(const EmitOptions& emit) {
  return rdf::IriMinter(emit.base).mint("graph", "merges");
}

std::string summary_line(const BuildSummary& s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%zu articles read, %zu skipped, %zu triples written in %.2f s",
                s.report.read, s.report.skipped, s.triples, s.seconds);
  return buf;
}

}  // namespace newsgraph
