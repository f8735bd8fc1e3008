// newsgraph query: run a canned query (queries/NAME.rq), a query file or a
// query given inline over graphs or articles.
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "query/canned_queries.hpp"
#include "query/engine.hpp"
#include "query/result_format.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "rdf/sord_store.hpp"
#include "rdf/syntax.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace po = boost::program_options;

namespace newsgraph::cli {

namespace {

constexpr const char* kUsage =
    "usage: newsgraph query NAME|FILE.rq [options] INPUT...\n"
    "       newsgraph query --sparql TEXT [options] INPUT...\n\n"
    "Runs a SPARQL 1.1 query over the union of the INPUTs and prints the results.\n"
    "NAME is a canned query (list them with 'newsgraph queries'); FILE.rq a query\n"
    "file. INPUT is a graph (.ttl, .nt, .nq, .trig; '-' reads Turtle from standard\n"
    "input) or articles (.txt, .jsonl, a directory), which are built into a graph\n"
    "in memory first, exactly as 'newsgraph build' would.\n\n"
    "examples:\n"
    "  newsgraph query summons graph.ttl\n"
    "  newsgraph query statements --bind speaker=Putin samples/\n"
    "  newsgraph query --sparql 'SELECT ?p WHERE { ?p a ng:Person }' --format csv graph.ttl\n\n";

constexpr const char* kExitCodes =
    "\nSELECT and ASK results: table (aligned, labels instead of IRIs), or the W3C\n"
    "SPARQL result formats csv, tsv, json, xml. CONSTRUCT and DESCRIBE results: RDF,\n"
    "as turtle (default) or ntriples. Prefixes ng:, rdf:, rdfs:, xsd:, owl:, skos:,\n"
    "prov:, dcterms: are predeclared for queries that do not declare them.\n\n"
    "exit codes: 0 success; 1 bad input, a query error (reported with line and\n"
    "column), a failed evaluation or an exceeded --timeout; 2 bad usage.\n";

// Declared for every query that does not declare them itself, so that a
// one-line --sparql query can say ng:Person.
constexpr std::pair<const char*, const char*> kDefaultPrefixes[] = {
    {"ng", "https://w3id.org/newsgraph/ontology#"},
    {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"xsd", "http://www.w3.org/2001/XMLSchema#"},
    {"owl", "http://www.w3.org/2002/07/owl#"},
    {"skos", "http://www.w3.org/2004/02/skos/core#"},
    {"prov", "http://www.w3.org/ns/prov#"},
    {"dcterms", "http://purl.org/dc/terms/"},
};

struct Settings {
  std::string query;   // NAME or FILE.rq
  std::string sparql;  // --sparql
  std::vector<std::string> inputs;
  std::vector<std::string> binds;  // VAR=VALUE
  std::string format = "table";
  std::optional<std::size_t> limit;
  std::optional<double> timeout;
  bool time = false;
};

std::optional<Settings> parse(const Args& args) {
  Settings s;
  std::string data_dir;
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("sparql", po::value(&s.sparql)->value_name("TEXT"),
                                                 "the query itself instead of NAME or FILE.rq")(
      "bind", po::value(&s.binds)->value_name("VAR=VALUE")->composing(),
      "give variable (parameter) VAR the value VALUE; repeatable")(
      "format,f", po::value(&s.format)->value_name("FMT"),
      "table (default), csv, tsv, json, xml; turtle or ntriples for graphs")(
      "limit", po::value<std::size_t>()->value_name("N"), "print at most N rows (or triples)")(
      "timeout", po::value<double>()->value_name("SECONDS"),
      "stop the query after SECONDS and fail (exit 1)")("time", po::bool_switch(&s.time),
                                                        "report load and query times on standard error")(
      "data-dir", po::value(&data_dir)->value_name("DIR"),
      "where queries/ and data/ are (default: the source tree)");
  std::vector<std::string> positional;
  const auto vm = parse_command_line(args, opts, positional, kUsage, kExitCodes);
  if (!vm) return std::nullopt;
  if (!vm->count("sparql")) {
    if (positional.empty()) throw UsageError("query: no query given (see 'newsgraph query --help')");
    s.query = positional.front();
    positional.erase(positional.begin());
  }
  s.inputs = std::move(positional);
  if (s.inputs.empty()) throw UsageError("query: no INPUT given (see 'newsgraph query --help')");
  if (vm->count("limit")) s.limit = (*vm)["limit"].as<std::size_t>();
  if (vm->count("timeout")) {
    s.timeout = (*vm)["timeout"].as<double>();
    if (!(*s.timeout > 0) || !std::isfinite(*s.timeout))
      throw UsageError("query: --timeout must be a positive number of seconds");
  }
  if (!data_dir.empty()) set_data_root(data_dir);
  return s;
}

query::PreparedQuery prepare(const Settings& s) {
  query::PreparedQuery out;
  if (!s.sparql.empty() || s.query.empty()) {
    out.text = s.sparql;
    out.options.source = "--sparql";
    out.options.parameters = query::plain_parameters(s.binds, "query");
  } else {
    out = query::prepare_query(s.query, s.binds, "query");
  }
  for (const auto& [name, iri] : kDefaultPrefixes) out.options.default_prefixes.push_back({name, iri});
  out.options.limit = s.limit;
  if (s.timeout)
    out.options.timeout = std::chrono::milliseconds(static_cast<long long>(std::ceil(*s.timeout * 1000)));
  return out;
}

void write_graph(const query::QueryResult& result, const std::string& format, const rdf::SordStore& store) {
  rdf::RdfSyntax syntax = rdf::RdfSyntax::Turtle;
  if (format == "ntriples") {
    syntax = rdf::RdfSyntax::NTriples;
  } else if (format != "table" && format != "turtle") {
    throw UsageError("query: CONSTRUCT and DESCRIBE give RDF: use --format turtle or ntriples, not '" +
                     format + "'");
  }
  rdf::SerdWriterSink sink(stdout, syntax);
  for (const auto& prefix : store.prefixes()) sink.prefix(prefix.name, prefix.iri);
  for (const auto& triple : result.triples) sink.add(triple);
  sink.finish();
}

}  // namespace

int run_query(const Args& args) {
  const auto settings = parse(args);
  if (!settings) return 0;
  const bool graph_format = settings->format == "turtle" || settings->format == "ntriples";
  const auto format = query::parse_result_format(settings->format);
  if (!format && !graph_format) {
    throw UsageError("query: unknown --format '" + settings->format +
                     "' (table, csv, tsv, json, xml, turtle, ntriples)");
  }
  const query::PreparedQuery prepared = prepare(*settings);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const rdf::SordStore store = load_store(settings->inputs);
  const auto loaded = Clock::now();
  query::QueryEngine engine(store.world(), store.model());
  const query::QueryResult result = engine.run(prepared.text, prepared.options);
  const auto answered = Clock::now();
  if (settings->time) {
    const auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };
    std::cerr << "newsgraph: loaded " << store.size() << " triples in " << seconds(loaded - start)
              << " s; query ran in " << seconds(answered - loaded) << " s\n";
  }

  if (result.is_graph()) {
    write_graph(result, settings->format, store);
  } else if (!format) {
    throw UsageError("query: --format " + settings->format + " is for CONSTRUCT and DESCRIBE results");
  } else {
    query::TableStyle style;
    style.label = [&engine](const rdf::Term& term) { return engine.label(term); };
    style.prefixes = store.prefixes();
    for (const auto& [name, iri] : kDefaultPrefixes) style.prefixes.push_back({name, iri});
    std::ostringstream out;  // written whole, after evaluation succeeded
    query::write_results(result, *format, out, style);
    std::cout << out.str();
  }
  if (result.truncated && (!format || *format != query::ResultFormat::Table)) {
    std::cerr << "newsgraph: stopped at --limit " << *settings->limit << '\n';
  }
  return 0;
}

}  // namespace newsgraph::cli
