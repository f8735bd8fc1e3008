// newsgraph push: graphs or articles into a triple store (SPARQL 1.1 Graph
// Store HTTP Protocol).
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "push/push.hpp"
#include "rdf/iri.hpp"
#include "text/dates.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace po = boost::program_options;

namespace newsgraph::cli {

namespace {

constexpr const char* kUsage =
    "usage: newsgraph push INPUT... --endpoint URL [--graph IRI] [--user USER [--password PASSWORD]]\n\n"
    "Stores graphs in a triple store through the SPARQL 1.1 Graph Store HTTP\n"
    "Protocol: each graph is sent with PUT, which replaces what the store held\n"
    "under that graph's IRI.\n\n"
    "INPUT is a graph file or articles:\n"
    "  articles (.txt, .jsonl, a directory)  each article's graph goes to its\n"
    "      article IRI as soon as it is extracted (as 'newsgraph build --stream'),\n"
    "      so pushing an article again replaces it; what merging adds goes to\n"
    "      <BASE/graph/merges> with POST (added to). With --graph, all articles are\n"
    "      built into one merged graph and PUT there instead.\n"
    "  .nq, .trig  each named graph to its own IRI.\n"
    "  .ttl, .nt ('-' reads Turtle)  to --graph IRI, else to <BASE/graph/FILE-NAME>.\n\n"
    "URL is the store's Graph Store endpoint, e.g. for Virtuoso\n"
    "http://localhost:8890/sparql-graph-crud-auth (with --user dba). The password\n"
    "comes from --password or the environment variable NEWSGRAPH_PASSWORD.\n"
    "Authentication is HTTP Digest (or Basic, when that is all the server offers).\n\n";

constexpr const char* kExitCodes =
    "\nexit codes: 0 success; 1 bad input, an unreachable store or a refused request\n"
    "(with the HTTP status and what the store said); 2 bad usage. Graphs stored before\n"
    "a failure stay stored.\n";

struct Settings {
  std::vector<std::string> inputs;
  push::PushOptions push;
  bool quiet = false;
};

std::optional<Settings> parse(const Args& args) {
  Settings s;
  std::string data_dir;
  po::options_description opts("options");
  // clang-format off
  opts.add_options()("help,h", "show this help")
      ("endpoint", po::value(&s.push.endpoint)->value_name("URL"), "the Graph Store endpoint (required)")
      ("graph", po::value(&s.push.graph)->value_name("IRI"), "store everything in this one graph")
      ("user", po::value(&s.push.credentials.user)->value_name("USER"), "user name for HTTP authentication")
      ("password", po::value(&s.push.credentials.password)->value_name("PASSWORD"),
       "password (default: $NEWSGRAPH_PASSWORD)")
      ("timeout", po::value(&s.push.timeout_seconds)->default_value(s.push.timeout_seconds)->value_name("SECONDS"),
       "give up on a request after SECONDS")
      ("jobs,j", po::value(&s.push.build.jobs)->default_value(1)->value_name("N"), "extract articles on N threads (0: one per core)")
      ("window", po::value(&s.push.build.merge_window)->default_value(s.push.build.merge_window)->value_name("N"),
       "merge every N consecutive articles into the merges graph (0: none)")
      ("date", po::value(&s.push.build.read.date_override)->value_name("YYYY-MM-DD"), "article date for every article input")
      ("base", po::value(&s.push.build.emit.base)->default_value(s.push.build.emit.base)->value_name("IRI"),
       "base IRI for minted resources")
      ("data-dir", po::value(&data_dir)->value_name("DIR"), "directory holding data/ (default: the source tree)")
      ("quiet,q", po::bool_switch(&s.quiet), "no summary line on standard error");
  // clang-format on
  const auto vm = parse_command_line(args, opts, s.inputs, kUsage, kExitCodes);
  if (!vm) return std::nullopt;
  if (s.inputs.empty()) throw UsageError("push: no INPUT given (see 'newsgraph push --help')");
  if (s.push.endpoint.empty()) throw UsageError("push: --endpoint URL is required");
  if (s.push.endpoint.rfind("http://", 0) != 0 && s.push.endpoint.rfind("https://", 0) != 0) {
    throw UsageError("push: --endpoint must be an http:// or https:// URL, not '" + s.push.endpoint + "'");
  }
  if (!s.push.graph.empty() && !rdf::is_valid_iri(s.push.graph)) {
    throw UsageError("push: --graph must be an absolute IRI, not '" + s.push.graph + "'");
  }
  if (!s.push.credentials.user.empty() && !vm->count("password")) {
    if (const char* env = std::getenv("NEWSGRAPH_PASSWORD")) s.push.credentials.password = env;
  }
  if (s.push.credentials.user.empty() && vm->count("password"))
    throw UsageError("push: --password needs --user");
  if (s.push.timeout_seconds <= 0) throw UsageError("push: --timeout must be a positive number of seconds");
  const auto& date = s.push.build.read.date_override;
  if (!date.empty() && !is_iso_date(date)) {
    throw UsageError("push: --date must be a calendar date as YYYY-MM-DD, not '" + date + "'");
  }
  if (!data_dir.empty()) set_data_root(data_dir);
  return s;
}

}  // namespace

int run_push(const Args& args) {
  const auto settings = parse(args);
  if (!settings) return 0;
  const push::PushSummary summary = push::push_inputs(settings->inputs, settings->push);
  if (!settings->quiet) {
    for (const auto& problem : summary.report.problems)
      std::cerr << "newsgraph: skipped: " << problem << '\n';
    std::cerr << "newsgraph: " << push::push_summary_line(summary, settings->push.endpoint) << '\n';
  }
  return 0;
}

}  // namespace newsgraph::cli
