#pragma once
// Lexical rules for RDF terms, checked before a term reaches Serd: Serd's
// writer copies labels, tags and IRIs through unchecked, so a bad one would
// become output that other parsers reject. Each check returns a reason
// rather than throwing, so callers decide how to report it. Also the one
// quoting of a literal's text that Turtle, N-Triples and SPARQL share.
#include <cstddef>
#include <string>
#include <string_view>

#include "rdf/sink.hpp"

namespace newsgraph::rdf {

// Length of the well-formed UTF-8 sequence at the start of `s` whose code
// point is at least `min_code_point`; 0 when malformed, overlong, a
// surrogate, or below the minimum.
std::size_t utf8_sequence_length(std::string_view s, char32_t min_code_point = 0);
bool is_valid_utf8(std::string_view s);

// Turtle/N-Triples BLANK_NODE_LABEL without the "_:".
bool is_valid_blank_label(std::string_view label);
// Turtle LANGTAG without the '@': [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
bool is_valid_language_tag(std::string_view tag);
// Turtle PN_PREFIX, or empty (the default prefix ":").
bool is_valid_prefix_name(std::string_view name);

// Why `term` cannot be written as correct RDF; empty when it can.
std::string term_problem(const Term& term);
// Why `triple` cannot be written: a term problem, or a term in a position
// RDF does not allow (literal subject, non-IRI predicate, literal graph).
std::string triple_problem(const Triple& triple);
// Only the position rules of triple_problem.
std::string position_problem(const Triple& triple);

// `value` as a double-quoted string with the backslash escapes Turtle,
// N-Triples and SPARQL share (\" \\ \n \r \t; other characters as they are),
// the quotes included: what a literal's lexical form looks like in those
// syntaxes, before any @lang or ^^datatype.
std::string quoted_string(std::string_view value);

// Triple::graph names the default graph when its value is empty.
inline bool is_default_graph(const Term& graph) { return graph.value.empty(); }

}  // namespace newsgraph::rdf
