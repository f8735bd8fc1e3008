// newsgraph validate: check graphs against the SHACL shapes (ontology/shapes.ttl).
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "validate/report_format.hpp"
#include "validate/validator.hpp"

namespace newsgraph::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    "usage: newsgraph validate GRAPH... [--shapes FILE] [--format text|turtle]\n\n"
    "Checks the union of the GRAPHs (Turtle, N-Triples, N-Quads or TriG, by\n"
    "extension; '-' reads standard input) against SHACL shapes with Apache\n"
    "Jena's SHACL engine, and reports each violation with its focus node, path\n"
    "and message, sorted.\n\n"
    "exit codes: 0 the graphs conform, 1 they do not or an input is bad,\n"
    "            2 bad usage\n\noptions:\n";

struct ValidateOptions {
  std::vector<std::string> graphs;
  std::string shapes;
  std::string format = "text";
  std::string data_dir;
  bool help = false;
};

po::options_description visible_options(ValidateOptions& o) {
  po::options_description options;
  options.add_options()("shapes", po::value(&o.shapes)->value_name("FILE"),
                        "SHACL shapes to check against (default: ontology/shapes.ttl)")(
      "format", po::value(&o.format)->value_name("text|turtle"),
      "report as text lines (default) or as a SHACL report graph in Turtle")(
      "data-dir", po::value(&o.data_dir)->value_name("DIR"),
      "where ontology/ and scripts/ are (default: $NEWSGRAPH_HOME, else the source tree)")(
      "help,h", po::bool_switch(&o.help), "show this help");
  return options;
}

ValidateOptions parse_options(const Args& args, std::ostream& help_out) {
  ValidateOptions o;
  po::options_description all = visible_options(o);
  all.add_options()("graph", po::value(&o.graphs));
  po::positional_options_description positional;
  positional.add("graph", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (o.help) {
    help_out << kUsage << visible_options(o);
    return o;
  }
  if (o.graphs.empty()) throw UsageError("validate: no GRAPH given (see 'newsgraph validate --help')");
  if (o.format != "text" && o.format != "turtle") {
    throw UsageError("validate: --format must be text or turtle, not '" + o.format + "'");
  }
  return o;
}

}  // namespace

int run_validate(const Args& args) {
  const ValidateOptions options = parse_options(args, std::cout);
  if (options.help) return 0;
  if (!options.data_dir.empty()) set_data_root(options.data_dir);
  const std::string shapes = options.shapes.empty() ? validate::default_shapes_path() : options.shapes;

  const validate::ValidationReport report = validate::validate_graphs(options.graphs, shapes);
  if (options.format == "turtle") {
    validate::write_report_turtle(report, stdout);
  } else {
    validate::write_report_text(report, std::cout);
  }
  return report.conforms ? 0 : 1;
}

}  // namespace newsgraph::cli
