// newsgraph build: articles in, RDF out.
#include <boost/program_options.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <unistd.h>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "rdf/syntax.hpp"
#include "text/dates.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace po = boost::program_options;

namespace newsgraph::cli {

namespace {

constexpr const char* kUsage =
    "usage: newsgraph build INPUT... [-o FILE] [--format turtle|ntriples|nquads|trig] [options]\n\n"
    "Extracts persons, states, agreements, incidents and statements from news\n"
    "articles and writes them as one RDF graph.\n\n"
    "INPUT is a .txt article, a directory of articles (*.txt, *.jsonl), a .jsonl file\n"
    "(one JSON object a line: id, text; optional title, date, source, url), or - for\n"
    "standard input. Inside directories and JSONL files a bad article is reported\n"
    "and skipped (use --strict to stop instead).\n\n"
    "With --stream (the default when N-Quads go to standard output), each article\n"
    "is written as soon as it is read, into its own named graph (the article's\n"
    "IRI), plus a graph <BASE/graph/merges> with what merging every --window\n"
    "consecutive articles adds (shared sources, conflicts); memory stays bounded\n"
    "however large the corpus. IRIs come from content, so graphs built from\n"
    "separate shards merge when loaded into one store (docs/scaling.md).\n\n";

constexpr const char* kExitCodes =
    "\nexit codes: 0 success, 1 bad input or I/O failure (the message names the file\n"
    "and, where it applies, line and column), 2 bad usage.\n"
    "With -o, output goes to a temporary file renamed into place at the end, so a\n"
    "failed run never leaves a half-written graph.\n";

// More threads than this is a typo (or "-1"), not a machine.
constexpr unsigned kMaxJobs = 1024;

struct Settings {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  BuildOptions build;
  bool quiet = false;
  bool stream = false;
};

std::optional<Settings> parse(const Args& args) {
  Settings s;
  bool no_evidence = false;
  std::string data_dir;
  po::options_description opts("options");
  // clang-format off
  opts.add_options()("help,h", "show this help")
      ("output,o", po::value(&s.output), "write to FILE instead of standard output")
      ("format,f", po::value(&s.format), "turtle (default), ntriples, nquads or trig; default from -o's extension")
      ("date", po::value(&s.build.read.date_override), "article date (YYYY-MM-DD) for every input, overriding dates found in them")
      ("base", po::value(&s.build.emit.base)->default_value(s.build.emit.base), "base IRI for minted resources")
      ("strict", po::bool_switch(&s.build.read.strict), "stop at the first bad article")
      ("no-evidence", po::bool_switch(&no_evidence), "omit Evidence nodes (sentence text and offsets)")
      ("data-dir", po::value(&data_dir), "directory holding data/ (lexicons); default: the source tree")
      ("jobs,j", po::value(&s.build.jobs)->default_value(1)->value_name("N"),
       "extract articles on N threads (0: one per core); the output is the same for any N")
      ("stream", po::bool_switch(&s.stream),
       "one named graph per article, written as it is read (N-Quads or TriG; bounded memory)")
      ("window", po::value(&s.build.merge_window)->default_value(s.build.merge_window)->value_name("N"),
       "with --stream: merge every N consecutive articles into the merges graph (0: no merges graph)")
      ("quiet,q", po::bool_switch(&s.quiet), "no progress line and no summary on standard error");
  // clang-format on
  const auto vm = parse_command_line(args, opts, s.inputs, kUsage, kExitCodes);
  if (!vm) return std::nullopt;
  if (s.inputs.empty()) throw UsageError("build: no INPUT given (see 'newsgraph build --help')");
  if (!s.build.read.date_override.empty() && !is_iso_date(s.build.read.date_override)) {
    throw UsageError("build: --date must be a calendar date as YYYY-MM-DD, not '" +
                     s.build.read.date_override + "'");
  }
  if (s.build.jobs > kMaxJobs) {
    throw UsageError("build: --jobs must be between 0 and " + std::to_string(kMaxJobs) +
                     " (0: one per core)");
  }
  s.build.emit.evidence = !no_evidence;
  if (!data_dir.empty()) set_data_root(data_dir);
  return s;
}

rdf::RdfSyntax output_syntax(const Settings& s) {
  if (s.format.empty()) {
    if (!s.output.empty()) return rdf::syntax_for_path(s.output);
    return s.stream ? rdf::RdfSyntax::NQuads : rdf::RdfSyntax::Turtle;
  }
  const auto syntax = rdf::parse_syntax(s.format);
  if (!syntax)
    throw UsageError("build: unknown --format '" + s.format + "' (turtle, ntriples, nquads or trig)");
  return *syntax;
}

// Streaming when asked for, and whenever N-Quads go to standard output (a
// pipe into a store or another job: nothing to gain from holding the corpus).
bool streams(const Settings& s, rdf::RdfSyntax syntax) {
  if (s.stream && !rdf::syntax_has_graphs(syntax)) {
    throw UsageError("build: --stream writes named graphs: use --format nquads or trig, not " +
                     std::string(rdf::syntax_name(syntax)));
  }
  return s.stream || (s.output.empty() && syntax == rdf::RdfSyntax::NQuads);
}

BuildSummary run_pipeline(const Settings& s, bool stream, rdf::TripleSink& sink) {
  return stream ? build_stream(s.inputs, s.build, sink) : build_graph(s.inputs, s.build, sink);
}

}  // namespace

int run_build(const Args& args) {
  auto settings = parse(args);
  if (!settings) return 0;
  const auto syntax = output_syntax(*settings);
  const bool stream = streams(*settings, syntax);
  // A progress line only for a person watching: standard error is a terminal.
  std::unique_ptr<ProgressMeter> progress;
  if (!settings->quiet && ::isatty(STDERR_FILENO) == 1) {
    progress = std::make_unique<ProgressMeter>(stderr, input_bytes(settings->inputs));
    settings->build.on_article = [meter = progress.get()](std::uint64_t bytes) {
      meter->article_done(bytes);
    };
    settings->build.on_merging = [meter = progress.get()] { meter->merging(); };
  }
  BuildSummary summary;
  if (settings->output.empty()) {
    rdf::SerdWriterSink sink(stdout, syntax);
    summary = run_pipeline(*settings, stream, sink);
  } else {
    AtomicFile out(settings->output);
    rdf::SerdWriterSink sink(out.stream(), syntax);
    try {
      summary = run_pipeline(*settings, stream, sink);
    } catch (const InputError& e) {
      // A write failure (disk full, file size limit) names no file of its own: name the output.
      if (!e.where().file.empty()) throw;
      throw InputError(Location{settings->output}, e.what());
    }
    out.commit();
  }
  if (progress) progress->clear();
  if (!settings->quiet) {
    for (const auto& problem : summary.report.problems)
      std::cerr << "newsgraph: skipped: " << problem << '\n';
    std::cerr << "newsgraph: " << summary_line(summary) << '\n';
  }
  // Per-thread CPU, for bench/build_bench.sh (what --jobs can gain on an idle machine).
  if (std::getenv("NEWSGRAPH_CPU_REPORT") != nullptr) std::cerr << "newsgraph: " << cpu_line(summary) << '\n';
  return 0;
}

}  // namespace newsgraph::cli
