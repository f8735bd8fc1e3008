#pragma once
// Turns the query a user wrote into the query Rasqal 0.9.33 can run:
//  - property paths that are not a single IRI become a placeholder predicate
//    <urn:x-newsgraph:path:N>, evaluated by our triples source (property_path);
//  - DESCRIBE becomes SELECT DISTINCT over the described variables (Rasqal
//    does not execute DESCRIBE); the engine then collects the descriptions;
//  - --bind parameters are substituted as RDF terms;
//  - MINUS and FILTER [NOT] EXISTS at the top level of the WHERE group are
//    taken out for the engine (RewrittenQuery::negations);
//  - prefixes are checked, and features Rasqal cannot run (MINUS, EXISTS
//    elsewhere) are reported with their line and column instead of failing
//    later without a position.
// The rewritten text keeps every token on its original line, so Rasqal's
// line numbers stay right; `pieces` map its text back to original columns.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/aggregate.hpp"
#include "query/property_path.hpp"
#include "rdf/sink.hpp"

namespace newsgraph::query {

inline constexpr std::string_view kPathPlaceholder = "urn:x-newsgraph:path:";

enum class QueryForm { Select, Ask, Construct, Describe };

// A parameter value. As written it is taken as a SPARQL term when it is one
// (<iri>, prefixed name, "literal"@lang, "x"^^type, number, true/false);
// otherwise, or when `text` is set, as a plain string literal.
struct Parameter {
  std::string name;  // without '?'
  std::string value;
  bool text = false;
};

struct RewrittenQuery {
  QueryForm form = QueryForm::Select;
  std::string text;                        // for Rasqal; empty for a DESCRIBE of IRIs only
  std::vector<PathExpr> paths;             // placeholder N -> path
  std::vector<std::string> describe_iris;  // DESCRIBE <iri> ... targets
  bool describe_all = false;               // DESCRIBE *
  bool uses_graph = false;                 // has GRAPH patterns
  std::vector<std::string> graph_iris;     // GRAPH <iri> names used
  // Set when we aggregate (see aggregate.hpp): `text` is then the query
  // without its aggregation, whose solutions the plan groups.
  std::optional<AggregationPlan> aggregation;
  // SELECT DISTINCT and the OFFSET/LIMIT after it, applied by the engine to
  // Rasqal's solutions (Rasqal's DISTINCT operator leaks memory).
  // ORDER BY over projected variables is ours too (Rasqal's sort is
  // superlinear: 1.5 s for 5,000 rows); then DISTINCT, OFFSET, LIMIT.
  bool distinct = false;
  std::vector<OrderKey> order;
  std::size_t offset = 0;
  std::optional<std::size_t> limit;

  // MINUS { P }, FILTER EXISTS { P } and FILTER NOT EXISTS { P } at the top
  // level of the WHERE group, which Rasqal cannot parse: taken out of
  // `text`, each P evaluated on its own (`text` here is SELECT * WHERE { P })
  // and its solutions matched with the query's on the variables both use
  // (`shared`). The query's projection gains the shared variables it lacks
  // (`hidden`, dropped after matching); an ASK becomes SELECT * (`ask_rows`).
  struct Negation {
    enum class Kind { Minus, Exists, NotExists };
    Kind kind = Kind::Minus;
    std::string text;
    std::vector<std::string> shared;
  };
  std::vector<Negation> negations;
  std::vector<std::string> hidden;
  bool ask_rows = false;

  // True when the engine filters, orders, deduplicates or slices Rasqal's solutions.
  bool post_processed() const { return distinct || !order.empty() || !negations.empty(); }

  // One entry per emitted token: where it ends in `text`, where it came from.
  struct Piece {
    std::size_t end = 0;
    std::size_t line = 0;
    std::size_t column = 0;
  };
  std::vector<Piece> pieces;
};

// Throws InputError (source, line, column) for lexical errors, undeclared
// prefixes, malformed paths and unsupported features; UsageError when a
// parameter names a variable the query does not have.
// `default_prefixes` are declared for the query unless it declares them itself.
RewrittenQuery rewrite_query(std::string_view text, const std::vector<Parameter>& parameters,
                             const std::string& source,
                             const std::vector<rdf::Prefix>& default_prefixes = {});

// The SPARQL term a parameter stands for (see Parameter).
std::string parameter_term(const Parameter& parameter, const PrefixMap& prefixes);

}  // namespace newsgraph::query
