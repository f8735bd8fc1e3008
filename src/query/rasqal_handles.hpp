#pragma once
// Move-only owners for Rasqal and Raptor handles (see rdf/handles.hpp for
// the same pattern over Serd and Sord).
#include <memory>

#include <rasqal.h>

#include "rdf/handles.hpp"

namespace newsgraph::query {

using RasqalWorldPtr = std::unique_ptr<rasqal_world, rdf::CFree<&rasqal_free_world>>;
using RasqalQueryPtr = std::unique_ptr<rasqal_query, rdf::CFree<&rasqal_free_query>>;
using RasqalResultsPtr = std::unique_ptr<rasqal_query_results, rdf::CFree<&rasqal_free_query_results>>;
using RasqalLiteralPtr = std::unique_ptr<rasqal_literal, rdf::CFree<&rasqal_free_literal>>;
using RaptorUriPtr = std::unique_ptr<raptor_uri, rdf::CFree<&raptor_free_uri>>;

}  // namespace newsgraph::query
