// newsgraph draw: a picture of who did what to whom, with Graphviz.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <optional>
#include <set>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "draw/dot_writer.hpp"
#include "draw/picture.hpp"
#include "draw/render.hpp"
#include "pipeline/pipeline.hpp"
#include "query/canned_queries.hpp"
#include "query/engine.hpp"
#include "rdf/sord_store.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/strings.hpp"

namespace po = boost::program_options;

namespace newsgraph::cli {

namespace {

constexpr const char* kUsage =
    "usage: newsgraph draw INPUT... [-o FILE.dot|.svg|.png|.pdf] [--query NAME [--bind VAR=VALUE]...]\n\n"
    "Draws the actors of a graph and the incidents between them with Graphviz:\n"
    "an arrow from agent to target for each incident, labelled with its kind and\n"
    "date and coloured by its PLOVER category (dashed when sources disagree on the\n"
    "date); each State is a box around the Persons who represent it.\n\n"
    "INPUT is a graph (.ttl, .nt, .nq, .trig; '-' reads Turtle from standard input)\n"
    "or articles (.txt, .jsonl, a directory), built into a graph first exactly as\n"
    "'newsgraph build' would. Without -o the DOT text goes to standard output; SVG,\n"
    "PNG and PDF are rendered by Graphviz's dot (Debian package graphviz).\n"
    "--query NAME draws only what the canned query NAME (see 'newsgraph queries')\n"
    "returns: the incidents it names, or else the incidents between the actors it\n"
    "names.\n\n";

constexpr const char* kExitCodes =
    "\nexit codes: 0 success, 1 bad input, a failed query or a failed dot, 2 bad usage.\n";

struct Settings {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  std::string query;
  std::vector<std::string> binds;
  std::string title = "newsgraph";
  unsigned jobs = 1;
};

std::optional<Settings> parse(const Args& args) {
  Settings s;
  std::string data_dir;
  po::options_description opts("options");
  // clang-format off
  opts.add_options()("help,h", "show this help")
      ("output,o", po::value(&s.output)->value_name("FILE"), "write to FILE (.dot, .gv, .svg, .png, .pdf)")
      ("format,f", po::value(&s.format)->value_name("FMT"), "dot, svg, png or pdf; default from -o's extension, else dot")
      ("query", po::value(&s.query)->value_name("NAME"), "draw only what this canned query (or FILE.rq) returns")
      ("bind", po::value(&s.binds)->value_name("VAR=VALUE")->composing(), "a parameter of --query; repeatable")
      ("title", po::value(&s.title)->value_name("TEXT"), "the picture's title (default: newsgraph)")
      ("jobs,j", po::value(&s.jobs)->value_name("N"), "extract articles on N threads (0: one per core)")
      ("data-dir", po::value(&data_dir)->value_name("DIR"), "where data/ and queries/ are (default: the source tree)");
  // clang-format on
  const auto vm = parse_command_line(args, opts, s.inputs, kUsage, kExitCodes);
  if (!vm) return std::nullopt;
  if (s.inputs.empty()) throw UsageError("draw: no INPUT given (see 'newsgraph draw --help')");
  if (s.format.empty()) {
    s.format = s.output.empty() ? "dot" : draw::format_for_path(s.output);
    if (s.format.empty())
      throw UsageError("draw: cannot tell the format of '" + s.output +
                       "': use .dot, .svg, .png or .pdf, or --format");
  }
  s.format = ascii_lower(s.format);
  if (s.format == "gv") s.format = "dot";
  if (s.format != "dot" && s.format != "svg" && s.format != "png" && s.format != "pdf") {
    throw UsageError("draw: unknown --format '" + s.format + "' (dot, svg, png or pdf)");
  }
  if (!s.binds.empty() && s.query.empty()) throw UsageError("draw: --bind needs --query");
  if (!data_dir.empty()) set_data_root(data_dir);
  return s;
}

// Every IRI in the query's answer.
std::set<std::string> query_iris(const Settings& s, const rdf::SordStore& store) {
  const query::PreparedQuery prepared = query::prepare_query(s.query, s.binds, "draw");
  query::QueryEngine engine(store.world(), store.model());
  const query::QueryResult result = engine.run(prepared.text, prepared.options);
  std::set<std::string> iris;
  for (const auto& row : result.rows) {
    for (const auto& cell : row) {
      if (cell && cell->kind == rdf::TermKind::Iri) iris.insert(cell->value);
    }
  }
  for (const auto& t : result.triples) {
    for (const auto* term : {&t.subject, &t.object}) {
      if (term->kind == rdf::TermKind::Iri) iris.insert(term->value);
    }
  }
  return iris;
}

void write_picture(const std::string& dot, const std::string& format, std::FILE* out) {
  if (format == "dot") {
    if (std::fwrite(dot.data(), 1, dot.size(), out) != dot.size())
      throw InputError("cannot write the picture");
  } else {
    draw::render_dot(dot, format, out);
  }
}

}  // namespace

int run_draw(const Args& args) {
  const auto settings = parse(args);
  if (!settings) return 0;
  BuildOptions build;
  build.jobs = settings->jobs;
  const rdf::SordStore store = load_store(settings->inputs, build);
  draw::Picture picture = draw::read_picture(store);
  if (!settings->query.empty()) picture = draw::restrict_picture(picture, query_iris(*settings, store));
  const std::string dot = draw::dot_text(picture, settings->title);
  if (settings->output.empty()) {
    std::fflush(stdout);
    write_picture(dot, settings->format, stdout);
  } else {
    AtomicFile out(settings->output);
    write_picture(dot, settings->format, out.stream());
    out.commit();
  }
  return 0;
}

}  // namespace newsgraph::cli
