#pragma once
// Reading RDF (Turtle, N-Triples, N-Quads, TriG) with Serd into any
// TripleSink. Parsing is strict: the first error stops the read and throws
// InputError with the file, line and column Serd reports.
#include <optional>
#include <string>
#include <string_view>

#include "rdf/sink.hpp"
#include "rdf/syntax.hpp"

namespace newsgraph::rdf {

class SordStore;

// Reads `path` ("-" = standard input) in `syntax`, or the syntax its
// extension names (Turtle when unknown). Relative IRIs resolve against the
// file's own URI (or @base). Prefix declarations go to sink.prefix(); blank
// nodes stay Blank terms with Serd's labels (anonymous nodes get b1, b2...,
// and a document's own _:b1 becomes B1 to keep them apart). Does not call
// sink.finish(): several inputs may feed one sink.
// Throws InputError for an unreadable file or bad syntax; whatever the sink
// throws propagates unchanged.
void read_rdf_file(const std::string& path, std::optional<RdfSyntax> syntax, TripleSink& sink);

// The same straight into a store (prefixes included): Serd's nodes are
// interned into Sord without Terms in between, as sordi does. The same
// errors, with file, line and column for bad syntax.
void read_rdf_file(const std::string& path, std::optional<RdfSyntax> syntax, SordStore& store);

// The same for a document in memory; errors name `name_for_errors`. With no
// base URI, relative IRIs stay relative unless the text sets @base.
void read_rdf_string(std::string_view text, RdfSyntax syntax, TripleSink& sink,
                     const std::string& name_for_errors);

}  // namespace newsgraph::rdf
