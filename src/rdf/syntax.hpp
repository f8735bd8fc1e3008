#pragma once
// The four RDF syntaxes we read and write, and how users name them.
#include <optional>
#include <string>
#include <string_view>

namespace newsgraph::rdf {

enum class RdfSyntax { Turtle, NTriples, NQuads, TriG };

// "turtle"|"ttl", "ntriples"|"nt", "nquads"|"nq", "trig" (any case); nullopt otherwise.
std::optional<RdfSyntax> parse_syntax(std::string_view name);

// By file extension (.ttl/.turtle, .nt, .nq, .trig, any case); Turtle when unknown.
RdfSyntax syntax_for_path(const std::string& path);

// The canonical lowercase name: "turtle", "ntriples", "nquads", "trig".
std::string_view syntax_name(RdfSyntax syntax);

// True for the syntaxes that carry named graphs (N-Quads, TriG).
bool syntax_has_graphs(RdfSyntax syntax);

}  // namespace newsgraph::rdf
