#pragma once
// SPARQL 1.1 over a Sord model: Rasqal parses and evaluates, our triples
// source answers each triple pattern from Sord's indexes (sord_source), and
// query_rewrite fills in what Rasqal 0.9.33 lacks. See docs/query.md.
//
//   QueryEngine engine(store.world(), store.model());
//   QueryResult r = engine.run("SELECT ?p WHERE { ?p a ng:Person }", options);
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sord/sord.h>

#include "query/query_rewrite.hpp"
#include "query/term_table.hpp"
#include "rdf/sink.hpp"

namespace newsgraph::query {

// One cell of a solution: unbound when empty.
using Value = std::optional<rdf::Term>;

struct QueryResult {
  QueryForm form = QueryForm::Select;
  std::vector<std::string> variables;  // SELECT (and DESCRIBE's inner SELECT)
  ResultRows rows;                     // SELECT: rows[i][j] is a Value
  bool boolean = false;                // ASK
  std::vector<rdf::Triple> triples;    // CONSTRUCT, DESCRIBE
  bool truncated = false;              // stopped at QueryOptions::limit

  bool is_graph() const { return form == QueryForm::Construct || form == QueryForm::Describe; }
};

// Who evaluates the WHERE clause: our evaluator where it supports the query
// (pattern_eval.hpp), else Rasqal; or Rasqal always (tests compare the two).
enum class Evaluator { Auto, Rasqal };

struct QueryOptions {
  std::vector<Parameter> parameters;  // --bind
  std::optional<std::size_t> limit;   // at most this many rows / triples
  std::optional<std::chrono::milliseconds> timeout;
  std::string source = "query";               // names the query in error messages
  std::vector<rdf::Prefix> default_prefixes;  // declared unless the query declares them
  Evaluator evaluator = Evaluator::Auto;
};

class QueryEngine {
 public:
  // Borrows the world and model; both must outlive the engine and stay
  // unchanged while a query runs.
  QueryEngine(SordWorld* world, SordModel* model);
  ~QueryEngine();
  QueryEngine(const QueryEngine&) = delete;
  QueryEngine& operator=(const QueryEngine&) = delete;

  // Runs one query. Throws InputError for a bad query (with line and
  // column), a failed evaluation or an exceeded timeout; UsageError for a
  // parameter naming a variable the query lacks.
  QueryResult run(std::string_view sparql, const QueryOptions& options = {});

  // The rdfs:label of an IRI or blank node (English or untagged first), for
  // display; nullopt when it has none.
  std::optional<std::string> label(const rdf::Term& term) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsgraph::query
