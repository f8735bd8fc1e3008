#pragma once
// A SHACL validation report (https://www.w3.org/TR/shacl/#validation-report)
// read from the triples a SHACL engine wrote: whether the data conforms and
// one ValidationResult per problem.
#include <optional>
#include <string>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph::validate {

inline constexpr const char* kShacl = "http://www.w3.org/ns/shacl#";

struct ValidationResult {
  rdf::Term focus;                        // sh:focusNode: the node that fails
  std::optional<rdf::Term> path;          // sh:resultPath: a predicate, or a blank node heading path_triples
  std::vector<rdf::Triple> path_triples;  // the structure of a complex path (sequence, inverse, ...)
  std::string path_text;                  // the path in SPARQL syntax, prefixed names; empty when none
  rdf::Term message;                      // sh:resultMessage (empty literal when the engine gave none)
  rdf::Term severity;                     // sh:Violation, sh:Warning or sh:Info
  std::optional<rdf::Term> value;         // sh:value: the offending value, when there is one
  std::optional<rdf::Term> constraint;    // sh:sourceConstraintComponent
  std::optional<rdf::Term>
      shape;  // sh:sourceShape, when it is an IRI (blank shapes mean nothing outside the shapes file)
};

struct ValidationReport {
  bool conforms = true;
  std::vector<ValidationResult> results;
};

// Reads the report in `triples`. Throws InputError (naming `name_for_errors`)
// when they hold no sh:ValidationReport with a boolean sh:conforms.
ValidationReport parse_shacl_report(const std::vector<rdf::Triple>& triples,
                                    const std::string& name_for_errors);

// Sorts results by focus node, path, message and value (as text) and drops
// exact duplicates, so that a report does not depend on the engine's order.
void normalise_results(ValidationReport& report);

// "sh:Violation" -> "violation", also for Warning and Info; anything else as text.
std::string severity_name(const rdf::Term& severity);

}  // namespace newsgraph::validate
