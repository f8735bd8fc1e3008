#pragma once
// Rasqal's triples source backed by a Sord model: Rasqal evaluates the
// query algebra and asks us, one triple pattern at a time, for matches;
// each pattern is answered by sord_find on the best of Sord's indexes, or,
// for a property-path placeholder, by the PathEvaluator.
#include <string>
#include <vector>

#include <rasqal.h>
#include <sord/sord.h>

#include "query/deadline.hpp"
#include "query/node_bridge.hpp"
#include "query/property_path.hpp"

namespace newsgraph::query {

// What the source answers from during one query execution. Owned by the
// engine; the fields that change per query are set before each execution.
struct SourceContext {
  SordWorld* world = nullptr;
  SordModel* model = nullptr;
  NodeBridge* bridge = nullptr;
  const std::vector<PathExpr>* paths = nullptr;  // placeholder N -> path
  Deadline* deadline = nullptr;
  std::string error;  // set when a callback failed (exceptions never cross into C)
};

// Makes every query of `world` read from `context` (which must outlive them).
// Returns false when Rasqal refuses the factory.
bool install_sord_source(rasqal_world* world, SourceContext* context);

}  // namespace newsgraph::query
