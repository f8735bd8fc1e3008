#pragma once
// GROUP BY and the SPARQL 1.1 aggregates (COUNT, SUM, MIN, MAX, AVG,
// SAMPLE, GROUP_CONCAT), evaluated by us over the solutions Rasqal returns
// for the query without its aggregation. Rasqal 0.9.33's own grouping is
// wrong in data-dependent ways (rows of one group counted in another, no row
// for an aggregate over no solutions, GROUP_CONCAT's separator ignored); see
// docs/query.md. query_rewrite decides when a query takes this path: plain
// variables as group keys, each projected expression a single aggregate
// call, no HAVING; otherwise Rasqal aggregates.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph::query {

using Value = std::optional<rdf::Term>;

// Hash of a row of values, for grouping and DISTINCT.
struct ValuesHash {
  std::size_t operator()(const std::vector<Value>& values) const noexcept;
};

struct AggregateSpec {
  enum class Function { Count, Sum, Min, Max, Avg, Sample, GroupConcat };
  Function function = Function::Count;
  bool distinct = false;
  bool star = false;            // COUNT(*)
  std::string separator = " ";  // GROUP_CONCAT
  std::string column;           // the inner query's column holding the argument
  std::string name;             // the projected variable
};

struct OrderKey {
  std::string column;
  bool descending = false;
};

// Solutions (the inner query's, a VALUES block's): column names and rows.
struct Solutions {
  std::vector<std::string> variables;
  std::vector<std::vector<Value>> rows;
};

struct AggregationPlan {
  std::vector<std::string> keys;  // GROUP BY variables (inner columns)
  std::vector<AggregateSpec> aggregates;
  std::vector<std::string> output;  // projected variables, in order
  std::vector<OrderKey> order;      // ORDER BY over projected variables
  bool distinct = false;
  bool grouped = false;  // GROUP BY present (else one group, even when empty)
  std::optional<std::size_t> limit;
  std::size_t offset = 0;
  // A trailing VALUES (after GROUP BY): joined with the aggregated solutions,
  // before projection and ORDER BY (SPARQL 1.1 18.2.4.3); UNDEF is unbound.
  std::optional<Solutions> values;
};

struct Accumulator;
class TermTable;
struct IdRows;
struct IdSolutions;  // term_table.hpp

// Streams the inner solutions into groups: add() each row, then finish().
// Memory grows with the number of groups (and DISTINCT values), not rows.
class Aggregator {
 public:
  Aggregator(const AggregationPlan& plan, const std::vector<std::string>& inner_variables);
  ~Aggregator();
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  void add(const std::vector<Value>& row);
  // Groups, aggregates, orders, deduplicates and slices as the plan says.
  Solutions finish();

 private:
  std::vector<Accumulator>& group_for(const std::vector<Value>& key);

  const AggregationPlan& plan_;
  std::vector<std::size_t> key_columns_;
  std::vector<std::size_t> argument_columns_;
  std::unordered_map<std::vector<Value>, std::size_t, ValuesHash> index_;
  std::vector<std::vector<Value>> keys_;
  std::vector<std::vector<Accumulator>> groups_;
};

// All at once: an Aggregator fed every row of `inner`.
Solutions aggregate(const Solutions& inner, const AggregationPlan& plan);

// The same over rows of ids (term_table.hpp), with columns `variables`:
// groups, DISTINCT sets, SAMPLE, MIN/MAX and GROUP_CONCAT hold ids, terms
// are looked up only for SUM/AVG and MIN/MAX comparisons, and the computed
// results (COUNT, SUM, AVG, GROUP_CONCAT) are added to `terms`, so that
// ORDER BY and DISTINCT run on ids too. Relies on equal terms having equal
// ids. Making a Value per cell and hashing strings was most of the time of
// grouping queries (docs/query.md).
IdSolutions aggregate_ids(const AggregationPlan& plan, const std::vector<std::string>& variables,
                          const IdRows& rows, TermTable& terms);

// SPARQL's ORDER BY order: unbound < blank nodes < IRIs < literals; numbers
// by value, other literals by lexical form, then datatype and language.
int compare_values(const Value& a, const Value& b);

// The function for an aggregate name (any case); nullopt when not one.
std::optional<AggregateSpec::Function> aggregate_function(std::string_view name);

}  // namespace newsgraph::query
