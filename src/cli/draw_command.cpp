// newsgraph draw: a picture of who did what to whom, with Graphviz.
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "draw/dot_writer.hpp"
#include "draw/picture.hpp"
#include "draw/render.hpp"
#include "pipeline/pipeline.hpp"
#include "query/canned_queries.hpp"
#include "query/engine.hpp"
#include "rdf/reader.hpp"
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

bool is_graph_file(const std::string& path) {
  if (path == "-") return true;
  const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  return ext == ".ttl" || ext == ".turtle" || ext == ".nt" || ext == ".nq" || ext == ".trig";
}

// Graph files as they are; all article inputs through one build, so that one
// incident reported by two articles is one arrow.
void load_inputs(const Settings& s, rdf::SordStore& store) {
  rdf::SordInserterSink sink(store);
  std::vector<std::string> articles;
  for (const auto& input : s.inputs) {
    if (is_graph_file(input)) {
      rdf::read_rdf_file(input, input == "-" ? std::optional(rdf::RdfSyntax::Turtle) : std::nullopt, sink);
    } else {
      articles.push_back(input);
    }
  }
  if (articles.empty()) return;
  BuildOptions options;
  options.jobs = s.jobs;
  const BuildSummary summary = build_graph(articles, options, sink);
  for (const auto& problem : summary.report.problems) std::cerr << "newsgraph: skipped: " << problem << '\n';
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Location{path}, "cannot read the query file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The query's text and parameters: NAME is a canned query, FILE.rq a file.
std::pair<std::string, query::QueryOptions> prepare_query(const Settings& s) {
  std::vector<std::pair<std::string, std::string>> binds;
  for (const auto& b : s.binds) {
    const auto eq = b.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("draw: --bind wants VAR=VALUE, not '" + b + "'");
    binds.emplace_back(b.substr(0, eq), b.substr(eq + 1));
  }
  query::QueryOptions options;
  if (s.query.size() > 3 && s.query.substr(s.query.size() - 3) == ".rq") {
    options.source = s.query;
    for (const auto& [name, value] : binds) options.parameters.push_back({name, value, false});
    return {read_text(s.query), options};
  }
  const std::string path = query::canned_query_directory() + "/" + s.query + ".rq";
  if (!std::filesystem::exists(path)) {
    throw UsageError("draw: no canned query '" + s.query + "' (list them with 'newsgraph queries')");
  }
  const query::CannedQuery canned = query::load_canned_query(path);
  options.source = path;
  options.parameters = query::canned_parameters(canned, binds);
  return {canned.text, options};
}

// Every IRI in the query's answer.
std::set<std::string> query_iris(const Settings& s, const rdf::SordStore& store) {
  auto [text, options] = prepare_query(s);
  query::QueryEngine engine(store.world(), store.model());
  const query::QueryResult result = engine.run(text, options);
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
  rdf::SordStore store;
  load_inputs(*settings, store);
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
