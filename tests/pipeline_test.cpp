// The pipeline end to end: parallel extraction gives the same bytes as one
// job, and the streamed per-article graphs of separate shards union into
// what a single run writes (see docs/scaling.md for the exact contract).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <thread>
#include <vector>

#include "pipeline/extract_pool.hpp"
#include "pipeline/graph_sinks.hpp"
#include "pipeline/ordered_blocks.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"
#include "rdf/reader.hpp"
#include "rdf/recording_sink.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "support/run.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using namespace test_support;
namespace fs = std::filesystem;

namespace {

const std::string kSource = NEWSGRAPH_TEST_SOURCE_DIR;
const std::string kBinary = NEWSGRAPH_TEST_BINARY;
const std::string kProvDerived = "http://www.w3.org/ns/prov#wasDerivedFrom";

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

struct CorpusArticle {
  std::string id;
  std::string text;
  std::string date;
};

// The sample articles, each reported on three dates: the two June dates are
// close enough for reports to merge into one incident, the August one not.
// So the corpus has cross-article merges with and without date conflicts.
std::vector<CorpusArticle> sample_corpus() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(kSource + "/samples")) {
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<CorpusArticle> corpus;
  const char* dates[] = {"2024-06-20", "2024-06-21", "2024-08-01"};
  for (int copy = 0; copy < 3; ++copy) {
    for (const auto& f : files) {
      corpus.push_back(
          {"c" + std::to_string(copy) + "-" + fs::path(f).stem().string(), slurp(f), dates[copy]});
    }
  }
  return corpus;
}

void write_jsonl(const std::string& path, const std::vector<CorpusArticle>& articles) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& a : articles) {
    out << "{\"id\":" << json_string(a.id) << ",\"date\":" << json_string(a.date)
        << ",\"text\":" << json_string(a.text) << "}\n";
  }
}

enum class Shape { Merged, Stream };

// Passes triples on one by one, hiding the writer's line syntax: so the
// pipeline cannot have them rendered on its worker threads.
class OneByOne final : public rdf::TripleSink {
 public:
  explicit OneByOne(rdf::TripleSink& next) : next_(next) {}
  void prefix(std::string_view name, std::string_view iri) override { next_.prefix(name, iri); }
  void add(const rdf::Triple& triple) override { next_.add(triple); }
  void finish() override { next_.finish(); }

 private:
  rdf::TripleSink& next_;
};

enum class Rendering { OnWorkers, OneByOne };

// The bytes a build writes, in N-Quads.
std::string build_bytes(const std::vector<std::string>& inputs, Shape shape, unsigned jobs,
                        std::size_t window = 1000,
                        std::size_t large_article_bytes = BuildOptions{}.large_article_bytes,
                        Rendering rendering = Rendering::OnWorkers) {
  BuildOptions options;
  options.jobs = jobs;
  options.merge_window = window;
  options.large_article_bytes = large_article_bytes;
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = ::open_memstream(&buffer, &size);
  REQUIRE(out != nullptr);
  {
    rdf::SerdWriterSink writer(out, rdf::RdfSyntax::NQuads);
    OneByOne one_by_one(writer);
    rdf::TripleSink& sink =
        rendering == Rendering::OnWorkers ? static_cast<rdf::TripleSink&>(writer) : one_by_one;
    if (shape == Shape::Merged)
      build_graph(inputs, options, sink);
    else
      build_stream(inputs, options, sink);
  }
  std::fclose(out);
  std::string bytes(buffer, size);
  std::free(buffer);
  return bytes;
}

using QuadSet = std::set<rdf::Triple>;

// Parsed back with the reader: what a store loading the output would hold.
QuadSet quads_of(const std::string& nquads) {
  rdf::RecordingSink sink;
  rdf::read_rdf_string(nquads, rdf::RdfSyntax::NQuads, sink, "test output");
  return QuadSet(sink.triples().begin(), sink.triples().end());
}

QuadSet without_graphs(const QuadSet& quads) {
  QuadSet out;
  for (auto q : quads) {
    q.graph = rdf::Term::iri("");
    out.insert(std::move(q));
  }
  return out;
}

QuadSet in_graphs(const QuadSet& quads, bool merges) {
  const std::string merges_iri = merges_graph_iri(EmitOptions{});
  QuadSet out;
  for (const auto& q : quads) {
    if ((q.graph.value == merges_iri) == merges) out.insert(q);
  }
  return out;
}

QuadSet united(const QuadSet& a, const QuadSet& b) {
  QuadSet out = a;
  out.insert(b.begin(), b.end());
  return out;
}

// Runs a shell command in the source tree; we read its standard output.
Result shell_in_source(const std::string& command_line) {
  return shell("cd '" + kSource + "' && " + command_line);
}

// Runs the binary; `redirect` says where its output goes.
Result run(const std::string& args, const std::string& redirect = "2>/dev/null") {
  return shell_in_source("'" + kBinary + "' " + args + " " + redirect);
}

Article numbered_article(std::size_t i) {
  Article a;
  a.id = std::to_string(i);
  a.text = std::string(i % 7 + 1, 'x');
  return a;
}

}  // namespace

TEST_CASE("pipeline: ExtractPool delivers in input order with a bounded number in flight", "[pipeline]") {
  for (const unsigned jobs : {1u, 2u, 3u}) {
    std::vector<std::string> delivered;
    std::atomic<std::size_t> submitted{0};
    std::size_t most_in_flight = 0;
    // Later articles often finish first: the pool must hold them back.
    ExtractPool pool(
        jobs,
        [](Article&& a) {
          std::this_thread::sleep_for(std::chrono::microseconds(200 * (a.text.size() % 4)));
          ArticleFacts f;
          f.article = std::move(a);
          return f;
        },
        [&](ArticleFacts&& f) {
          delivered.push_back(f.article.id);
          most_in_flight = std::max(most_in_flight, submitted.load() - delivered.size() + 1);
        });
    for (std::size_t i = 0; i < 60; ++i) {
      ++submitted;
      pool.submit(numbered_article(i));
    }
    pool.finish();
    REQUIRE(delivered.size() == 60);
    for (std::size_t i = 0; i < delivered.size(); ++i) CHECK(delivered[i] == std::to_string(i));
    CHECK(most_in_flight <= pool.window() + 1);
  }
}

TEST_CASE("pipeline: an extraction error surfaces after every article before it", "[pipeline]") {
  for (const unsigned jobs : {1u, 2u, 4u}) {
    std::vector<std::string> delivered;
    auto submit_all = [&] {
      ExtractPool pool(
          jobs,
          [](Article&& a) {
            if (a.id == "7") throw InputError(Location{"article-7"}, "bad article");
            ArticleFacts f;
            f.article = std::move(a);
            return f;
          },
          [&](ArticleFacts&& f) { delivered.push_back(f.article.id); });
      for (std::size_t i = 0; i < 40; ++i) pool.submit(numbered_article(i));
      pool.finish();
    };
    CHECK_THROWS_AS(submit_all(), InputError);
    REQUIRE(delivered.size() == 7);
    CHECK(delivered.back() == "6");
  }
}

TEST_CASE("pipeline: a failing consumer stops the pool without hanging", "[pipeline]") {
  std::size_t delivered = 0;
  auto submit_all = [&] {
    ExtractPool pool(
        2,
        [](Article&& a) {
          ArticleFacts f;
          f.article = std::move(a);
          return f;
        },
        [&](ArticleFacts&&) {
          if (++delivered == 5) throw std::runtime_error("disk full");
        });
    for (std::size_t i = 0; i < 100; ++i) pool.submit(numbered_article(i));
    pool.finish();
  };
  CHECK_THROWS_WITH(submit_all(), "disk full");
  CHECK(delivered == 5);
}

TEST_CASE("pipeline: --jobs N writes the same bytes as one job", "[pipeline]") {
  TempDir dir;
  const std::string corpus = dir.file("corpus.jsonl");
  write_jsonl(corpus, sample_corpus());
  for (const Shape shape : {Shape::Merged, Shape::Stream}) {
    const std::string one = build_bytes({corpus}, shape, 1);
    REQUIRE(one.size() > 1000);
    CHECK(build_bytes({corpus}, shape, 2) == one);
    CHECK(build_bytes({corpus}, shape, 3) == one);
  }
}

TEST_CASE("pipeline: text rendered on the workers is the bytes of writing triples one by one", "[pipeline]") {
  TempDir dir;
  const std::string corpus = dir.file("corpus.jsonl");
  write_jsonl(corpus, sample_corpus());
  for (const Shape shape : {Shape::Merged, Shape::Stream}) {
    INFO((shape == Shape::Merged ? "merged" : "streamed"));
    const std::string serial =
        build_bytes({corpus}, shape, 1, 4, BuildOptions{}.large_article_bytes, Rendering::OneByOne);
    REQUIRE(serial.size() > 1000);
    CHECK(build_bytes({corpus}, shape, 2, 4, BuildOptions{}.large_article_bytes, Rendering::OneByOne) ==
          serial);
    CHECK(build_bytes({corpus}, shape, 1, 4) == serial);
    CHECK(build_bytes({corpus}, shape, 2, 4) == serial);
    CHECK(build_bytes({corpus}, shape, 3, 4) == serial);
  }
}

TEST_CASE("pipeline: OrderedPool takes any input and counts its workers' CPU", "[pipeline]") {
  std::vector<std::string> delivered;
  {
    OrderedPool<std::string, int> pool(
        3,
        [](int&& n) {
          // Later inputs finish first.
          std::this_thread::sleep_for(std::chrono::milliseconds(n % 3));
          return std::to_string(n);
        },
        [&](std::string&& s) { delivered.push_back(std::move(s)); });
    for (int n = 0; n < 40; ++n) pool.submit(int{n});
    pool.finish();
    CHECK(pool.worker_cpu_seconds() >= 0);
  }
  REQUIRE(delivered.size() == 40);
  for (int n = 0; n < 40; ++n) CHECK(delivered[static_cast<std::size_t>(n)] == std::to_string(n));
  OrderedPool<int, int> inline_pool(
      1, [](int&& n) { return n; }, [](int&&) {});
  CHECK(inline_pool.worker_cpu_seconds() == 0);
}

// Item i renders i % 5 blocks ("i.0", "i.1", ...), later items sooner.
std::size_t numbered_blocks(std::size_t item, const PostBlock& post) {
  std::this_thread::sleep_for(std::chrono::microseconds(200 * ((40 - item) % 3)));
  for (std::size_t b = 0; b < item % 5; ++b) post(std::to_string(item) + "." + std::to_string(b) + ";");
  return item % 5;
}

std::string numbered_text(std::size_t count) {
  std::string text;
  for (std::size_t item = 0; item < count; ++item) numbered_blocks(item, [&](std::string&& b) { text += b; });
  return text;
}

TEST_CASE("pipeline: render_in_order writes every item's blocks in item order", "[pipeline]") {
  for (const unsigned jobs : {1u, 2u, 3u}) {
    for (const std::size_t max_held : {std::size_t{1}, std::size_t{64}}) {
      INFO("jobs " << jobs << ", at most " << max_held << " blocks held");
      BlockPool pool;
      std::string written;
      std::size_t statements = 0;
      const double cpu = render_in_order(
          40, jobs, pool, max_held, numbered_blocks, [&](std::string_view b) { written += b; }, statements);
      CHECK(written == numbered_text(40));
      CHECK(statements == 80);
      CHECK(cpu >= 0);
    }
  }
}

TEST_CASE("pipeline: render_in_order fails at the failing item's turn, and on a failed write", "[pipeline]") {
  BlockPool pool;
  std::string written;
  std::size_t statements = 0;
  auto failing_at_17 = [](std::size_t item, const PostBlock& post) -> std::size_t {
    if (item == 17) throw std::runtime_error("bad part");
    return numbered_blocks(item, post);
  };
  CHECK_THROWS_WITH(render_in_order(
                        40, 2, pool, 1, failing_at_17, [&](std::string_view b) { written += b; }, statements),
                    "bad part");
  CHECK(written == numbered_text(17));
  std::size_t writes = 0;
  CHECK_THROWS_WITH(render_in_order(
                        40, 3, pool, 2, numbered_blocks,
                        [&](std::string_view) {
                          if (++writes == 5) throw std::runtime_error("disk full");
                        },
                        statements),
                    "disk full");
}

TEST_CASE("pipeline: a BlockRenderer's blocks are the bytes of one writer", "[pipeline]") {
  std::vector<rdf::Triple> triples;
  for (int n = 0; n < 3000; ++n) {
    triples.push_back(rdf::Triple{rdf::Term::iri("http://example.org/s" + std::to_string(n)),
                                  rdf::Term::iri("http://example.org/p"),
                                  rdf::Term::text(std::string(static_cast<std::size_t>(n % 400), 'x')),
                                  {}});
  }
  std::string whole;
  {
    rdf::SerdWriterSink writer(whole, rdf::RdfSyntax::NTriples);
    for (const auto& t : triples) writer.add(t);
    writer.finish();
  }
  BlockPool pool;
  std::vector<std::string> blocks;
  {
    BlockRenderer renderer(pool, rdf::RdfSyntax::NTriples,
                           [&](std::string&& b) { blocks.push_back(std::move(b)); });
    for (const auto& t : triples) renderer.add(t);
    renderer.finish();
  }
  REQUIRE(blocks.size() > 1);
  std::string joined;
  for (const auto& b : blocks) {
    CHECK(b.size() < BlockPool::kBlockBytes + 1000);
    CHECK(b.back() == '\n');
    joined += b;
  }
  CHECK(joined == whole);
}

TEST_CASE("pipeline: TripleSet holds fingerprints through growth and clear", "[pipeline]") {
  TripleSet set;
  auto triple = [](int n) {
    return rdf::Triple{rdf::Term::iri("http://example.org/s" + std::to_string(n)),
                       rdf::Term::iri("http://example.org/p"),
                       rdf::Term::literal(std::to_string(n)),
                       {}};
  };
  for (int n = 0; n < 5000; n += 2) set.insert(triple(n));
  set.insert(triple(0));  // again: no second copy
  CHECK(set.size() == 2500);
  for (int n = 0; n < 5000; ++n) CHECK(set.contains(triple(n)) == (n % 2 == 0));
  CHECK_FALSE(TripleSet::fingerprint(triple(1)) == TripleSet::Fingerprint{});
  set.clear();
  CHECK(set.size() == 0);
  CHECK_FALSE(set.contains(triple(0)));
  set.insert(triple(7));
  CHECK(set.contains(triple(7)));
  CHECK_FALSE(TripleSet().contains(triple(7)));
}

TEST_CASE("pipeline: NamedGraphSink puts triples in its graph and keeps their fingerprints", "[pipeline]") {
  rdf::RecordingSink recorder;
  std::vector<TripleSet::Fingerprint> prints;
  NamedGraphSink sink(recorder, "http://example.org/g", &prints);
  const rdf::Triple t{rdf::Term::iri("http://example.org/s"),
                      rdf::Term::iri("http://example.org/p"),
                      rdf::Term::literal("o"),
                      {}};
  sink.prefix("ex", "http://example.org/");
  sink.add(t);
  REQUIRE(recorder.triples().size() == 1);
  CHECK(recorder.triples()[0].graph == rdf::Term::iri("http://example.org/g"));
  CHECK(recorder.triples()[0].object == t.object);
  CHECK(recorder.prefixes().size() == 1);
  REQUIRE(prints.size() == 1);
  CHECK(prints[0] == TripleSet::fingerprint(t));
}

TEST_CASE("pipeline: a streamed article graph holds that article on its own", "[pipeline]") {
  TempDir dir;
  const auto corpus = sample_corpus();
  write_jsonl(dir.file("all.jsonl"), corpus);
  const QuadSet all = quads_of(build_bytes({dir.file("all.jsonl")}, Shape::Stream, 2, 0));
  CHECK(in_graphs(all, true).empty());  // --window 0: no merges graph

  // The article built alone gives exactly its graph in the corpus run.
  for (const std::size_t pick : {std::size_t{0}, corpus.size() - 1}) {
    write_jsonl(dir.file("one.jsonl"), {corpus[pick]});
    const QuadSet alone = quads_of(build_bytes({dir.file("one.jsonl")}, Shape::Stream, 1, 0));
    const std::string graph = article_graph_iri(EmitOptions{}, corpus[pick].id);
    QuadSet from_all;
    for (const auto& q : all) {
      if (q.graph.value == graph) from_all.insert(q);
    }
    REQUIRE(!alone.empty());
    for (const auto& q : alone) CHECK(q.graph.value == graph);
    CHECK(from_all == alone);
    // The graph is named by the article node's own IRI.
    const rdf::Triple typed{
        rdf::Term::iri(graph), rdf::Term::iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        rdf::Term::iri("https://w3id.org/newsgraph/ontology#Article"), rdf::Term::iri(graph)};
    CHECK(alone.count(typed) == 1);
  }
}

TEST_CASE("pipeline: streamed shards union into the single run's article graphs", "[pipeline]") {
  TempDir dir;
  const auto corpus = sample_corpus();
  write_jsonl(dir.file("all.jsonl"), corpus);
  // Three shards, interleaved so that reports of one incident land in different shards.
  std::vector<std::vector<CorpusArticle>> shards(3);
  for (std::size_t i = 0; i < corpus.size(); ++i) shards[i % 3].push_back(corpus[i]);

  const QuadSet single = quads_of(build_bytes({dir.file("all.jsonl")}, Shape::Stream, 1));
  QuadSet shard_union;
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const std::string path = dir.file("shard" + std::to_string(k) + ".jsonl");
    write_jsonl(path, shards[k]);
    const QuadSet shard = quads_of(build_bytes({path}, Shape::Stream, 2));
    // Within a shard, the merges graph is exactly what merging the shard adds
    // to its article graphs: streamed triples = merged build + article graphs.
    const QuadSet merged = quads_of(build_bytes({path}, Shape::Merged, 1));
    CHECK(without_graphs(shard) == united(merged, without_graphs(in_graphs(shard, false))));
    shard_union.insert(shard.begin(), shard.end());
  }
  // Article graphs do not depend on the other articles: the union of the
  // shards has the very quads the single run has.
  CHECK(in_graphs(shard_union, false) == in_graphs(single, false));
  // The single run (one window holds the corpus) adds the whole corpus's merges.
  const QuadSet merged_all = quads_of(build_bytes({dir.file("all.jsonl")}, Shape::Merged, 1));
  CHECK(without_graphs(single) == united(merged_all, without_graphs(in_graphs(single, false))));

  // Shared identity: every source the merged build gives an incident that the
  // shards also have (same IRI) is found across the shards' graphs, except
  // where only a cross-shard merge links them (docs/scaling.md).
  std::set<std::string> union_subjects;
  for (const auto& q : shard_union) union_subjects.insert(q.subject.value);
  std::size_t derived = 0, found = 0;
  const QuadSet union_triples = without_graphs(shard_union);
  for (const auto& t : merged_all) {
    if (t.predicate.value != kProvDerived || union_subjects.count(t.subject.value) == 0) continue;
    ++derived;
    found += union_triples.count(t);
  }
  INFO("provenance links of the merged build found across the shards: " << found << " of " << derived);
  CHECK(derived > 0);
  CHECK(found * 10 >= derived * 9);
}

TEST_CASE("pipeline: merges windows bound what is merged together", "[pipeline]") {
  TempDir dir;
  write_jsonl(dir.file("all.jsonl"), sample_corpus());
  const QuadSet whole = quads_of(build_bytes({dir.file("all.jsonl")}, Shape::Stream, 1, 1000));
  const QuadSet windowed = quads_of(build_bytes({dir.file("all.jsonl")}, Shape::Stream, 1, 5));
  CHECK(in_graphs(whole, false) == in_graphs(windowed, false));
  CHECK(!in_graphs(whole, true).empty());
  CHECK(!in_graphs(windowed, true).empty());
  CHECK(in_graphs(whole, true) != in_graphs(windowed, true));
}

TEST_CASE("pipeline: a large streamed article is written as its graph is made, the same quads",
          "[pipeline]") {
  // Every article counts as large here: its graph goes straight to the
  // writer instead of being recorded first (which took ~70 bytes of memory a
  // byte of text), and it is a merges window of its own.
  TempDir dir;
  const std::string corpus = dir.file("all.jsonl");
  write_jsonl(corpus, sample_corpus());
  for (const unsigned jobs : {1u, 2u}) {
    CHECK(build_bytes({corpus}, Shape::Stream, jobs, 0, 0) == build_bytes({corpus}, Shape::Stream, jobs, 0));
  }
  const QuadSet recorded = quads_of(build_bytes({corpus}, Shape::Stream, 2));
  const QuadSet direct = quads_of(build_bytes({corpus}, Shape::Stream, 2, 1000, 0));
  CHECK(in_graphs(direct, false) == in_graphs(recorded, false));
  CHECK(in_graphs(direct, true).empty());
  CHECK(!in_graphs(recorded, true).empty());
}

TEST_CASE("pipeline: the progress line says articles, MB, MB/s and ETA", "[pipeline]") {
  CHECK(progress_text(10, 2'000'000, 0, 2.0) == "newsgraph: 10 articles, 2.0 MB, 1.0 MB/s");
  CHECK(progress_text(10, 2'000'000, 8'000'000, 2.0) ==
        "newsgraph: 10 articles, 2.0 MB, 1.0 MB/s, 25% ETA 0:06");
  CHECK(progress_text(1, 1'000'000, 100'000'000, 1.0) ==
        "newsgraph: 1 articles, 1.0 MB, 1.0 MB/s, 1% ETA 1:39");
  CHECK(progress_text(0, 0, 100, 0.0) == "newsgraph: 0 articles, 0.0 MB, 0.0 MB/s");

  TempDir dir;
  write_jsonl(dir.file("a.jsonl"), {{"a", "Some text.", ""}});
  const auto size = fs::file_size(dir.file("a.jsonl"));
  CHECK(input_bytes({dir.file("a.jsonl")}) == size);
  fs::create_directory(dir.file("d"));
  write_jsonl(dir.file("d/b.jsonl"), {{"b", "Other text.", ""}});
  { std::ofstream(dir.file("d/notes.md")) << "not an article"; }
  CHECK(input_bytes({dir.file("a.jsonl"), dir.file("d")}) == size + fs::file_size(dir.file("d/b.jsonl")));
  CHECK(input_bytes({dir.file("a.jsonl"), "-"}) == 0);
}

TEST_CASE("pipeline: newsgraph build --jobs and --stream from the command line", "[pipeline][cli]") {
  const Result one = run("build samples -f nquads -j 1");
  REQUIRE(one.code == 0);
  // N-Quads to standard output stream: one named graph per article.
  CHECK(one.out.find("<https://w3id.org/newsgraph/resource/article/") != std::string::npos);
  const QuadSet quads = quads_of(one.out);
  std::set<std::string> graphs;
  for (const auto& q : quads) graphs.insert(q.graph.value);
  CHECK(graphs.size() == 6);  // five articles and the merges graph
  CHECK(graphs.count(merges_graph_iri(EmitOptions{})) == 1);
  CHECK(run("build samples -f nquads -j 2").out == one.out);
  CHECK(run("build samples -f nquads -j 0 --window 3").out != one.out);

  const Result turtle1 = run("build samples -j 1");
  const Result turtle2 = run("build samples --jobs 2");
  REQUIRE(turtle1.code == 0);
  CHECK(turtle1.out == turtle2.out);

  const Result bad = run("build samples --stream -f turtle", "2>&1");
  CHECK(bad.code == 2);
  CHECK(bad.out.find("--stream") != std::string::npos);
  CHECK(run("build samples -j -1").code == 2);

  // Standard error is not a terminal here: the summary line only, no progress.
  const Result err = run("build samples -j 2", "2>&1 >/dev/null");
  CHECK(err.code == 0);
  CHECK(err.out.find('\r') == std::string::npos);
  CHECK(err.out.find("5 articles read") != std::string::npos);
  CHECK(run("build samples -q", "2>&1 >/dev/null").out.empty());
}

TEST_CASE("pipeline: scripts/dask-build parts union to the single-process run", "[pipeline][dask]") {
  // Debian's python3 with Debian's Dask (python3-distributed), not whatever python3 is first on PATH.
  const std::string python = "/usr/bin/python3";
  if (std::system((python + " -c 'import distributed' >/dev/null 2>&1").c_str()) != 0) {
    WARN("SKIPPED: Dask distributed is not installed (scripts/install-deps installs python3-distributed)");
    return;
  }
  TempDir dir;
  write_jsonl(dir.file("corpus.jsonl"), sample_corpus());
  // About 20 kB a part: the corpus in several parts over the 2-worker local cluster.
  const Result dask =
      shell_in_source(python + " scripts/dask-build -q --part-mb 0.02 --window 0 --newsgraph '" + kBinary +
                      "' '" + dir.file("corpus.jsonl") + "' -o '" + dir.file("parts") + "' 2>&1");
  INFO(dask.out);
  REQUIRE(dask.code == 0);
  QuadSet parts;
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.file("parts"))) {
    ++files;
    const QuadSet part = quads_of(slurp(e.path().string()));
    parts.insert(part.begin(), part.end());
  }
  CHECK(files >= 3);
  // Without a merges graph the parts hold exactly the single run's quads.
  CHECK(parts == quads_of(build_bytes({dir.file("corpus.jsonl")}, Shape::Stream, 1, 0)));
}
