#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
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
#include "pipeline/ordered_blocks.hpp"
#include "rdf/iri.hpp"
#include "rdf/recording_sink.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "resolve/merge.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace newsgraph {

namespace {

using Clock = std::chrono::steady_clock;

unsigned jobs_of(const BuildOptions& options) { return options.jobs == 0 ? default_jobs() : options.jobs; }

// The input bytes an article came from (its raw size), for progress.
std::uint64_t input_size(const Article& a) {
  return a.original_offset.empty() ? a.text.size() : a.original_offset.back();
}

// Runs `work` on every article on the pool's threads, handing the results to
// `consume` in input order. The Lexicon behind `work` is loaded once and
// shared read-only by all jobs. Returns the CPU seconds of the pool's threads.
template <typename Result, typename Work, typename Consume>
double for_each_article(const std::vector<std::string>& inputs, const BuildOptions& options, Work&& work,
                        ReadReport& report, Consume&& consume) {
  OrderedPool<Result> pool(jobs_of(options), std::forward<Work>(work), std::forward<Consume>(consume));
  read_articles(
      inputs, options.read, [&](Article&& a) { pool.submit(std::move(a)); }, report);
  pool.finish();
  return pool.worker_cpu_seconds();
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

// Writes rendered blocks into `sink` and gives them back to `pool`.
void write_blocks(std::vector<std::string>& blocks, BlockPool& pool, rdf::TripleSink& sink) {
  for (auto& block : blocks) {
    sink.add_rendered(block);
    pool.give(std::move(block));
  }
  blocks.clear();
}

// One article of the streamed build, made on a worker: its own graph ready
// to write (as text when the sink takes rendered text, else as quads), and
// (when merging) its facts and the fingerprints of its triples.
struct StreamedArticle {
  std::vector<std::string> text;  // blocks
  std::vector<rdf::Prefix> prefixes;
  std::vector<rdf::Triple> quads;
  std::size_t triples = 0;
  std::vector<TripleSet::Fingerprint> fingerprints;
  std::vector<ArticleFacts> facts;  // one, or none when not merging
  std::uint64_t bytes = 0;
  std::optional<ArticleFacts> large;  // only extracted: a large article, written by the calling thread
};

// What a sink that needs the triples themselves gets.
class QuadRecorder final : public rdf::TripleSink {
 public:
  explicit QuadRecorder(StreamedArticle& out) : out_(out) {}
  void prefix(std::string_view name, std::string_view iri) override {
    out_.prefixes.push_back(rdf::Prefix{std::string(name), std::string(iri)});
  }
  void add(const rdf::Triple& quad) override { out_.quads.push_back(quad); }

 private:
  StreamedArticle& out_;
};

// `render`: the sink's line syntax, to render the graph in here, on the worker.
StreamedArticle stream_one(const Extractor& extractor, const Lexicon& lexicon, const BuildOptions& options,
                           std::optional<rdf::RdfSyntax> render, BlockPool& blocks, Article&& article) {
  StreamedArticle out;
  const bool merging = options.merge_window > 1;
  ArticleFacts facts = extract_one(extractor, std::move(article), out.bytes);
  if (facts.article.text.size() > options.large_article_bytes) {
    out.large = std::move(facts);
    return out;
  }
  const std::string graph_iri = article_graph_iri(options.emit, facts.article.id);
  std::vector<ArticleFacts> one;
  if (merging) out.facts.push_back(facts);
  one.push_back(std::move(facts));
  const KnowledgeGraph graph = merge_articles(std::move(one), lexicon);
  auto* fingerprints = merging ? &out.fingerprints : nullptr;
  if (render) {
    BlockRenderer renderer(blocks, *render,
                           [&out](std::string&& block) { out.text.push_back(std::move(block)); });
    NamedGraphSink into_graph(renderer, graph_iri, fingerprints);
    out.triples = emit_graph(graph, options.emit, into_graph);
    renderer.finish();
  } else {
    QuadRecorder recorder(out);
    NamedGraphSink into_graph(recorder, graph_iri, fingerprints);
    out.triples = emit_graph(graph, options.emit, into_graph);
  }
  return out;
}

// The streaming writer: each article's graph as it comes (in input order);
// every `window` articles, what merging them adds into the merges graph.
//
// With worker threads and a line syntax, a window is merged and rendered on a
// thread of its own while the next window's articles keep coming: the
// articles that arrive meanwhile are held (up to kHeldBytes of text) and
// written after the merges, so the bytes are those of one thread. The merge
// was a fifth of the work, and the calling thread did it while the workers
// ran out of articles to work on.
class StreamWriter {
 public:
  StreamWriter(const BuildOptions& options, const Lexicon& lexicon, rdf::TripleSink& sink, BlockPool& blocks,
               std::optional<rdf::RdfSyntax> render, bool background)
      : options_(options),
        lexicon_(lexicon),
        sink_(sink),
        blocks_(blocks),
        merges_iri_(merges_graph_iri(options.emit)),
        render_(render),
        background_(background && render && options.merge_window > 1) {}
  // Waits for a window still merging (its result is dropped: this runs on an error).
  ~StreamWriter() {
    if (merging_.valid()) merging_.wait();
  }
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  void article(StreamedArticle&& a) {
    if (a.large) return large_article(std::move(*a.large));
    triples_ += a.triples;
    prints_.push_back(std::move(a.fingerprints));
    for (auto& f : a.facts) window_.push_back(std::move(f));
    if (merging_.valid() && merging_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
      write_merges();
    if (merging_.valid()) {
      for (auto& block : a.text) {
        held_bytes_ += block.size();
        held_.push_back(std::move(block));
      }
      if (held_bytes_ > kHeldBytes) write_merges();
    } else {
      write(std::move(a));
    }
    if (options_.merge_window > 1 && window_.size() >= options_.merge_window) flush();
  }

  // Merges the articles since the last flush, and writes what that adds (at
  // once, or on a thread of its own when in the background).
  void flush() {
    if (merging_.valid()) write_merges();  // one window merging at a time
    std::vector<ArticleFacts> facts = std::move(window_);
    std::vector<std::vector<TripleSet::Fingerprint>> prints = std::move(prints_);
    window_.clear();
    prints_.clear();
    if (facts.size() <= 1) return;
    if (!background_) {
      triples_ += merge_window(std::move(facts), prints, sink_);
      return;
    }
    merging_ = std::async(
        std::launch::async, [this, facts = std::move(facts), prints = std::move(prints)]() mutable {
          const double cpu_start = thread_cpu_seconds();
          Merges out;
          BlockRenderer renderer(blocks_, *render_,
                                 [&out](std::string&& block) { out.text.push_back(std::move(block)); });
          out.triples = merge_window(std::move(facts), prints, renderer);
          renderer.finish();
          out.cpu = thread_cpu_seconds() - cpu_start;
          return out;
        });
  }

  // The last window, and whatever waits for it.
  void finish() {
    flush();
    if (merging_.valid()) write_merges();
  }

  std::size_t triples() const noexcept { return triples_; }
  // CPU seconds of the threads that merged windows in the background.
  double merge_cpu_seconds() const noexcept { return merge_cpu_; }

 private:
  struct Merges {
    std::vector<std::string> text;  // blocks
    std::size_t triples = 0;
    double cpu = 0;
  };

  static constexpr std::size_t kHeldBytes = std::size_t{16} << 20;

  void write(StreamedArticle&& a) {
    write_blocks(a.text, blocks_, sink_);
    for (const auto& p : a.prefixes) sink_.prefix(p.name, p.iri);
    for (const auto& q : a.quads) sink_.add(q);
  }

  // Waits for the window merging, writes its merges, then the articles held meanwhile.
  void write_merges() {
    Merges merges = merging_.get();
    merge_cpu_ += merges.cpu;
    write_blocks(merges.text, blocks_, sink_);
    triples_ += merges.triples;
    write_blocks(held_, blocks_, sink_);
    held_bytes_ = 0;
  }

  // What merging `facts` adds to their own graphs (whose triples `prints`
  // holds), into the merges graph in `out`. Uses seen_: one window at a time.
  std::size_t merge_window(std::vector<ArticleFacts>&& facts,
                           const std::vector<std::vector<TripleSet::Fingerprint>>& prints,
                           rdf::TripleSink& out) {
    seen_.clear();
    for (const auto& article : prints) {
      for (const auto& f : article) seen_.insert(f);
    }
    NewTriplesSink into_merges(out, merges_iri_, seen_);
    emit_graph(merge_articles(std::move(facts), lexicon_), options_.emit, into_merges);
    return into_merges.written();
  }

  // A large article: a merges window of its own (the fingerprints of its
  // triples and its facts would be kept for the window otherwise), its graph
  // written as emit makes it. The same quads as a recorded article graph.
  void large_article(ArticleFacts&& facts) {
    finish();
    naming_article(facts.article, [&] {
      const TripleSet nothing;
      NewTriplesSink graph(sink_, article_graph_iri(options_.emit, facts.article.id), nothing);
      std::vector<ArticleFacts> one;
      one.push_back(std::move(facts));
      emit_graph(merge_articles(std::move(one), lexicon_), options_.emit, graph);
      triples_ += graph.written();
    });
  }

  const BuildOptions& options_;
  const Lexicon& lexicon_;
  rdf::TripleSink& sink_;
  BlockPool& blocks_;
  const std::string merges_iri_;
  const std::optional<rdf::RdfSyntax> render_;
  const bool background_;
  std::vector<ArticleFacts> window_;                         // facts of the articles since the last flush
  std::vector<std::vector<TripleSet::Fingerprint>> prints_;  // what their own graphs say
  TripleSet seen_;                                           // the same, as a set, while merging
  std::future<Merges> merging_;                              // the window merging in the background
  std::vector<std::string> held_;                            // texts that come after its merges
  std::size_t held_bytes_ = 0;
  double merge_cpu_ = 0;
  std::size_t triples_ = 0;
};

// Blocks of rendered parts waiting to be written, at most (16 MB).
constexpr std::size_t kHeldBlocks = 64;

// The merged graph emitted and rendered on `jobs` threads, a few hundred nodes
// at a time, the texts written into `sink` in order (the same bytes as
// emit_graph into it) as they are rendered. Returns the CPU seconds of the threads.
double emit_in_parts(const KnowledgeGraph& graph, const EmitOptions& emit, rdf::RdfSyntax syntax,
                     unsigned jobs, rdf::TripleSink& sink, std::size_t& triples) {
  const GraphParts parts(graph, emit, 64);
  BlockPool blocks;
  return render_in_order(
      parts.size(), jobs, blocks, kHeldBlocks,
      [&](std::size_t part, const PostBlock& post) {
        BlockRenderer renderer(blocks, syntax, post);
        const std::size_t n = parts.emit(part, renderer);
        renderer.finish();
        return n;
      },
      [&](std::string_view block) { sink.add_rendered(block); }, triples);
}

}  // namespace

BuildSummary build_graph(const std::vector<std::string>& inputs, const BuildOptions& options,
                         rdf::TripleSink& sink) {
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  std::vector<ArticleFacts> facts;
  const double extract_workers = for_each_article<ExtractedArticle>(
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
  const double cpu_extracted = thread_cpu_seconds();
  summary.cpu.push_back(PhaseCpu{"reading and extracting", cpu_extracted - cpu_start, extract_workers});
  if (options.on_merging) options.on_merging();
  const unsigned jobs = jobs_of(options);
  // The pool's threads are gone: the process's other CPU now is the merge's threads'.
  const double process_extracted = process_cpu_seconds();
  const KnowledgeGraph graph = merge_articles(std::move(facts), lexicon, jobs);
  const double cpu_merged = thread_cpu_seconds();
  const double merge_workers = process_cpu_seconds() - process_extracted - (cpu_merged - cpu_extracted);
  summary.cpu.push_back(PhaseCpu{"merging", cpu_merged - cpu_extracted, std::max(merge_workers, 0.0)});
  double render_workers = 0;
  if (const auto syntax = sink.line_syntax(); jobs > 1 && syntax) {
    render_workers = emit_in_parts(graph, options.emit, *syntax, jobs, sink, summary.triples);
  } else {
    summary.triples = emit_graph(graph, options.emit, sink);
  }
  sink.finish();
  summary.cpu.push_back(PhaseCpu{"writing", thread_cpu_seconds() - cpu_merged, render_workers});
  summary.seconds = seconds_since(start);
  return summary;
}

// Extraction, merging each article on its own, emitting its graph and (for
// N-Quads) rendering it all run on the workers; the calling thread writes, and
// merges the windows.
BuildSummary build_stream(const std::vector<std::string>& inputs, const BuildOptions& options,
                          rdf::TripleSink& sink) {
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  BlockPool blocks;
  const std::optional<rdf::RdfSyntax> render = sink.line_syntax();
  StreamWriter writer(options, lexicon, sink, blocks, render, jobs_of(options) > 1);
  const double workers = for_each_article<StreamedArticle>(
      inputs, options,
      [&](Article&& a) {
        return naming_article(
            a, [&] { return stream_one(extractor, lexicon, options, render, blocks, std::move(a)); });
      },
      summary.report,
      [&](StreamedArticle&& a) {
        const std::uint64_t bytes = a.bytes;
        writer.article(std::move(a));
        if (options.on_article) options.on_article(bytes);
      });
  writer.finish();
  sink.finish();
  summary.cpu.push_back(
      PhaseCpu{"streaming", thread_cpu_seconds() - cpu_start, workers + writer.merge_cpu_seconds()});
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

std::string cpu_line(const BuildSummary& s) {
  std::string line = "cpu:";
  for (const auto& p : s.cpu) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s %s: main %.3f s, workers %.3f s", line.size() > 4 ? ";" : "",
                  p.phase.c_str(), p.main, p.workers);
    line += buf;
  }
  return line;
}

}  // namespace newsgraph
