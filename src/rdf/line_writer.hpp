#pragma once
// N-Triples and N-Quads statements written by us rather than by Serd's
// writer: one line per statement, appended to a std::string. Serd's writer
// handed each token to a callback a few bytes at a time (with our glue, ~10 %
// of a merged N-Triples build's CPU); this is a straight copy with escapes
// (~3.5 %).
//
// The bytes are the ones Serd 0.30 writes for these syntaxes (style 0: no
// ASCII-only output), so a file does not change with the writer:
//   IRI      <...>; space, controls, DEL and " < > \ ^ ` { | } as \u00XX
//            (upper-case hex); other characters, non-ASCII included, as they are.
//   literal  "..."; \" \\ \n \r \t, other controls and DEL as \u00XX,
//            non-ASCII as UTF-8; then @tag, or ^^<datatype> (a tag wins over
//            a datatype, as in serd_term_view()).
//   blank    _:label, as it is.
//   line     subject predicate object[ graph] " .\n"; the graph only in
//            N-Quads, and only when it is not the default graph.
// tests/rdf_test.cpp compares these bytes with Serd's.
//
// The terms must be ones SerdWriterSink's checks pass (terms.hpp): valid
// UTF-8, an IRI with a scheme; the bytes of other terms are unspecified.
#include <string>

#include "rdf/sink.hpp"
#include "rdf/syntax.hpp"

namespace newsgraph::rdf {

// Appends `term` as N-Triples writes it.
void append_ntriples_term(std::string& out, const Term& term);

// Appends `triple` as one statement line of `syntax`, which must be
// NTriples or NQuads (std::logic_error otherwise).
void append_statement_line(std::string& out, RdfSyntax syntax, const Triple& triple);

}  // namespace newsgraph::rdf
