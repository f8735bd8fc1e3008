#pragma once
// The whole build pipeline wired end to end: read articles (text), extract
// facts (extract, on `jobs` threads), merge across articles (resolve), write
// triples (emit) into any sink. Both `newsgraph build` and
// `newsgraph query ARTICLES...` use it.
//
// Two shapes:
//   build_graph   the whole corpus merged into one graph (default graph);
//                 memory grows with the corpus. In N-Triples and N-Quads it is
//                 emitted and rendered in parts on the `jobs` threads.
//   build_stream  one named graph per article, written as soon as the
//                 article is extracted (extraction, the article's own graph
//                 and, in N-Quads, its text made on the `jobs` threads), plus
//                 one graph for what merging a window of consecutive articles
//                 adds; memory bounded by the window. See docs/scaling.md for
//                 what the union of streamed shards does and does not share
//                 with build_graph.
// Both give the same output, byte for byte, for any number of jobs.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "emit/graph_writer.hpp"
#include "rdf/sink.hpp"
#include "text/article_reader.hpp"

namespace newsgraph {

struct BuildOptions {
  ReadOptions read;
  EmitOptions emit;
  unsigned jobs = 1;  // extraction threads; 0 = one per available core
  // Streaming only: articles merged together for the merges graph (0 = no
  // merges graph, every article on its own).
  std::size_t merge_window = 256;
  // Streaming only: an article with more bytes of text than this is a merges
  // window of its own, and its graph is written as it is made instead of
  // being recorded on a worker first (about 70 bytes of memory per byte of
  // text). 4 MB, the extractor's window.
  std::size_t large_article_bytes = std::size_t{4} << 20;
  // Called on the calling thread after each article is extracted, with its
  // size in the input (bytes), in input order. For progress meters.
  std::function<void(std::uint64_t bytes)> on_article;
  // Called when extraction is done and the merged build starts merging and
  // writing (which shows no per-article progress).
  std::function<void()> on_merging;
};

// CPU seconds of one phase of a build: the calling thread's, and the sum of
// its worker threads'. What --jobs can gain is bounded by these
// (docs/scaling.md); `newsgraph build` prints them when NEWSGRAPH_CPU_REPORT
// is set.
struct PhaseCpu {
  std::string phase;
  double main = 0;
  double workers = 0;
};

struct BuildSummary {
  ReadReport report;
  std::size_t triples = 0;
  double seconds = 0;
  std::vector<PhaseCpu> cpu;  // in the order the phases ran
};

BuildSummary build_graph(const std::vector<std::string>& inputs, const BuildOptions& options,
                         rdf::TripleSink& sink);

// Every quad goes into a named graph, so `sink` should write N-Quads or TriG.
BuildSummary build_stream(const std::vector<std::string>& inputs, const BuildOptions& options,
                          rdf::TripleSink& sink);

// The named graph of one article (its IRI) and the merges graph.
std::string article_graph_iri(const EmitOptions& emit, const std::string& article_id);
std::string merges_graph_iri(const EmitOptions& emit);

// "12 articles read, 1 skipped, 3456 triples written in 0.42 s"
std::string summary_line(const BuildSummary& summary);

// "cpu: reading and extracting: main 0.52 s, workers 1.10 s; merging and writing: main ..."
std::string cpu_line(const BuildSummary& summary);

}  // namespace newsgraph
