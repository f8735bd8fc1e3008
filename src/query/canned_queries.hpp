#pragma once
// The canned relationship queries: one SPARQL file per question in queries/,
// named by its file name (queries/summons.rq is "summons"). Each starts with
// a comment header the catalog reads:
//
//   # question: Who summoned whom, over which agreement, and when?
//   # param: state text  a state (name or ISO code) as summoner or summoned
//   # example: newsgraph query summons --bind state=Korea graph.ttl
//
// A parameter is a variable of the query (?state) that --bind replaces by a
// term; `text` parameters become string literals, `term` parameters are
// taken as written (<iri>, ng:Thing, "x"@en, 42). An unbound parameter is
// replaced by its default: the empty string for text ("no filter"), or
// the `default=` value given after the kind.
#include <optional>
#include <string>
#include <vector>

#include "query/engine.hpp"
#include "query/query_rewrite.hpp"

namespace newsgraph::query {

struct CannedParameter {
  std::string name;  // without '?'
  bool text = true;  // kind text (a string literal) or term (as written)
  std::string default_value;
  std::string description;
};

struct CannedQuery {
  std::string name;
  std::string path;
  std::string question;
  std::vector<CannedParameter> parameters;
  std::vector<std::string> examples;
  std::string text;  // the whole file
};

// Reads one .rq file. Throws InputError (file:line) for a malformed header line.
CannedQuery load_canned_query(const std::string& path);

// Every queries/*.rq under `directory`, sorted by name.
std::vector<CannedQuery> list_canned_queries(const std::string& directory);

// The directory the binary's canned queries are in (data_path("queries")).
std::string canned_query_directory();

// The query's parameters for a run: user values (name -> value) for the
// declared parameters, defaults for the rest. Throws UsageError for a name
// the query does not declare.
std::vector<Parameter> canned_parameters(const CannedQuery& query,
                                         const std::vector<std::pair<std::string, std::string>>& values);

// A query to run, as a command names it: NAME is a canned query
// (queries/NAME.rq), anything with an extension or a '/' a query file.
// `binds` are VAR=VALUE (a leading '?' or '$' is dropped): the canned query's
// parameters, or plain parameters of a file. Fills text, source and
// parameters. Throws UsageError, prefixed with `command`, for a malformed
// bind or an unknown canned query (naming those there are); InputError for
// an unreadable file.
struct PreparedQuery {
  std::string text;
  QueryOptions options;
};
PreparedQuery prepare_query(const std::string& name_or_path, const std::vector<std::string>& binds,
                            const std::string& command);

// VAR=VALUE binds as parameters taken as written (for a query given inline).
std::vector<Parameter> plain_parameters(const std::vector<std::string>& binds, const std::string& command);

}  // namespace newsgraph::query
