#pragma once
// Writing a validation report for people (text) or for programs (Turtle).
// Both are deterministic: the same report gives byte-identical output.
#include <cstdio>
#include <ostream>

#include "validate/shacl_report.hpp"

namespace newsgraph::validate {

// One line per result, then a summary line:
//   <focus> path: violation: message (value: v)
//   does not conform: 3 violations on 2 nodes      (or "conforms")
void write_report_text(const ValidationReport& report, std::ostream& out);

// A SHACL validation report graph in Turtle (sh:ValidationReport,
// sh:conforms, one sh:ValidationResult per result, in the sorted order).
// Throws InputError when writing fails.
void write_report_turtle(const ValidationReport& report, std::FILE* out);

}  // namespace newsgraph::validate
