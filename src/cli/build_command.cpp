// newsgraph build: articles in, RDF out.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "pipeline/pipeline.hpp"
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
    "and skipped (use --strict to stop instead).\n\n";

constexpr const char* kExitCodes =
    "\nexit codes: 0 success, 1 bad input or I/O failure (the message names the file\n"
    "and, where it applies, line and column), 2 bad usage.\n"
    "With -o, output goes to a temporary file renamed into place at the end, so a\n"
    "failed run never leaves a half-written graph.\n";

struct Settings {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  BuildOptions build;
  bool quiet = false;
};

std::optional<Settings> parse(const Args& args) {
  Settings s;
  bool no_evidence = false;
  std::string data_dir;
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")
      ("output,o", po::value(&s.output), "write to FILE instead of standard output")
      ("format,f", po::value(&s.format), "turtle (default), ntriples, nquads or trig; default from -o's extension")
      ("date", po::value(&s.build.read.date_override), "article date (YYYY-MM-DD) for every input, overriding dates found in them")
      ("base", po::value(&s.build.emit.base)->default_value(s.build.emit.base), "base IRI for minted resources")
      ("strict", po::bool_switch(&s.build.read.strict), "stop at the first bad article")
      ("no-evidence", po::bool_switch(&no_evidence), "omit Evidence nodes (sentence text and offsets)")
      ("data-dir", po::value(&data_dir), "directory holding data/ (lexicons); default: the source tree")
      ("quiet,q", po::bool_switch(&s.quiet), "no summary line on standard error");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&s.inputs));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << kUsage << opts << kExitCodes;
    return std::nullopt;
  }
  if (s.inputs.empty()) throw UsageError("build: no INPUT given (see 'newsgraph build --help')");
  if (!s.build.read.date_override.empty() && !is_iso_date(s.build.read.date_override)) {
    throw UsageError("build: --date must be a calendar date as YYYY-MM-DD, not '" + s.build.read.date_override + "'");
  }
  s.build.emit.evidence = !no_evidence;
  if (!data_dir.empty()) set_data_root(data_dir);
  return s;
}

rdf::RdfSyntax output_syntax(const Settings& s) {
  if (s.format.empty()) return s.output.empty() ? rdf::RdfSyntax::Turtle : rdf::syntax_for_path(s.output);
  const auto syntax = rdf::parse_syntax(s.format);
  if (!syntax) throw UsageError("build: unknown --format '" + s.format + "' (turtle, ntriples, nquads or trig)");
  return *syntax;
}

}  // namespace

int run_build(const Args& args) {
  const auto settings = parse(args);
  if (!settings) return 0;
  const auto syntax = output_syntax(*settings);
  BuildSummary summary;
  if (settings->output.empty()) {
    rdf::SerdWriterSink sink(stdout, syntax);
    summary = build_graph(settings->inputs, settings->build, sink);
  } else {
    AtomicFile out(settings->output);
    rdf::SerdWriterSink sink(out.stream(), syntax);
    summary = build_graph(settings->inputs, settings->build, sink);
    out.commit();
  }
  if (!settings->quiet) {
    for (const auto& problem : summary.report.problems) std::cerr << "newsgraph: skipped: " << problem << '\n';
    std::cerr << "newsgraph: " << summary_line(summary) << '\n';
  }
  return 0;
}

}  // namespace newsgraph::cli
