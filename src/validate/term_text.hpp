#pragma once
// Terms as people read them in reports: IRIs of the vocabularies newsgraph
// uses as prefixed names (ng:date, prov:wasDerivedFrom, sh:Violation), other
// IRIs in <>, literals as in Turtle, blank nodes as _:label.
#include <string>
#include <string_view>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph::validate {

// The prefixes used for display and for the Turtle report, in a fixed order.
const std::vector<rdf::Prefix>& report_prefixes();

// "ng:date" for a known namespace with a simple local name, else "<iri>".
std::string iri_text(std::string_view iri);
std::string term_text(const rdf::Term& term);

}  // namespace newsgraph::validate
