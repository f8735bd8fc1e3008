#pragma once
// Our evaluator for the WHERE clause of the SELECT queries Rasqal parsed:
// basic graph patterns (index nested-loop joins over Sord, each pattern
// ordered by how many of its terms are bound), property-path placeholders,
// nested groups, UNION, OPTIONAL (with its FILTER as the left-join
// condition), FILTER and BIND. Expressions are still Rasqal's
// (rasqal_expression_evaluate2), so their semantics do not change.
//
// Why: Rasqal 0.9.33 evaluates these shapes through its row machinery (a
// rasqal_row and literal copies per solution, variables set and reset per
// pattern, one Rasqal literal per store node); the canned queries took 0.3
// to 6.5 s on the 1.35M-triple benchmark graph. Here a solution is an array
// of Sord node pointers (Sord interns nodes, so equal terms are equal
// pointers) and nothing is allocated per solution. docs/query.md has the
// figures.
//
// The engine asks supports() first and falls back to Rasqal's evaluation
// for anything else (GRAPH, subqueries, VALUES, MINUS, SERVICE, projected
// expressions, Rasqal-side aggregation or ORDER BY).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <rasqal.h>
#include <sord/sord.h>

#include "query/deadline.hpp"
#include "query/node_bridge.hpp"
#include "query/property_path.hpp"
#include "query/term_table.hpp"

namespace newsgraph::query {

struct PatternSolutions {
  std::vector<std::string> variables;  // the projection, in Rasqal's order
  IdRows rows;
  bool truncated = false;  // stopped at `limit`
};

// True when evaluate_pattern() can run the prepared query.
bool pattern_eval_supports(rasqal_query* query);

// The solutions of the prepared query's projection, as ids in `terms`; at
// most `limit` of them (more sets truncated). Stops early when `deadline`
// fires (the engine reports the timeout). Throws std::bad_alloc only.
// Constants go through `bridge`, which the caller clears after the query.
PatternSolutions evaluate_pattern(rasqal_world* world, rasqal_query* query, SordWorld* sord_world,
                                  SordModel* model, NodeBridge& bridge, const std::vector<PathExpr>& paths,
                                  Deadline& deadline, TermTable& terms, std::optional<std::size_t> limit);

}  // namespace newsgraph::query
