#include "pipeline/pipeline.hpp"

#include <chrono>
#include <cstdio>

#include "extract/extractor.hpp"
#include "lexicon/lexicon.hpp"
#include "resolve/merge.hpp"
#include "util/paths.hpp"

namespace newsgraph {

BuildSummary build_graph(const std::vector<std::string>& inputs, const BuildOptions& options, rdf::TripleSink& sink) {
  const auto start = std::chrono::steady_clock::now();
  BuildSummary summary;
  const Lexicon lexicon = Lexicon::load(data_root());
  const Extractor extractor(lexicon);
  std::vector<ArticleFacts> facts;
  read_articles(inputs, options.read, [&](Article&& a) { facts.push_back(extractor.extract(std::move(a))); },
                summary.report);
  const KnowledgeGraph graph = merge_articles(std::move(facts), lexicon);
  summary.triples = emit_graph(graph, options.emit, sink);
  sink.finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

std::string summary_line(const BuildSummary& s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%zu articles read, %zu skipped, %zu triples written in %.2f s", s.report.read,
                s.report.skipped, s.triples, s.seconds);
  return buf;
}

}  // namespace newsgraph
